package dev.gn4j.cli;

import dev.gn4j.engine.backend.BackendProvider;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import dev.gn4j.engine.train.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Versions, the CPU backend, and the GPU status: devices, driver, CUDA libraries found, or why none.",
        footer = {"", "Example:", "  gn4j info", "", "Exit code 0; a missing GPU is reported, not an error."})
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @Override
    public Integer call() {
        verbosity.apply();
        Runtime rt = Runtime.getRuntime();
        System.out.println("gn4j " + Version.get());
        System.out.println("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " (" + System.getProperty("java.home") + ")");
        System.out.println("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + rt.availableProcessors() + " cores, max heap "
                + rt.maxMemory() / (1 << 20) + " MiB");
        try {
            System.out.println("CPU backend: " + CpuBackend.blasDescription());
        } catch (LinkageError e) {
            System.out.println("CPU backend: OpenBLAS failed to load: " + e);
        }
        for (String line : gpuLines()) {
            System.out.println(line);
        }
        return Main.OK;
    }

    static List<String> gpuLines() {
        List<String> lines = new ArrayList<>();
        try {
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
                try {
                    // A provider's first line names its device ("gpu: ..."); its details are indented under it.
                    for (String l : p.diagnostics()) {
                        lines.add(l.startsWith(p.device() + ": ") ? "GPU: " + l.substring(p.device().length() + 2)
                                : l.startsWith(" ") ? "    " + l.strip() : "GPU: " + l);
                    }
                } catch (RuntimeException | LinkageError e) {
                    lines.add("GPU: the " + p.device() + " backend failed to report: " + e);
                }
            }
        } catch (java.util.ServiceConfigurationError | LinkageError e) {
            lines.add("GPU: the GPU backend failed to load: " + e);
        }
        if (lines.isEmpty()) {
            lines.add("GPU: none usable: this gn4j build has no CUDA backend; training runs on the CPU");
        }
        return lines;
    }
}
