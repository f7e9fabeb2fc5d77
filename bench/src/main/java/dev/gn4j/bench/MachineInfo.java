package dev.gn4j.bench;

import dev.gn4j.engine.backend.cpu.CpuBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on, for bench.json: CPU model and cores, memory, OS,
 * Java, the CPU backend's BLAS, and the load average at the start (another
 * process on a 2-core machine moves timings more than anything gn4j does).
 */
public record MachineInfo(String cpuModel, int cores, String memory, String os, String javaVersion, String blas,
                          String loadAverageStart) {

    public static MachineInfo here() {
        String blas;
        try {
            blas = CpuBackend.blasDescription();
        } catch (LinkageError e) {
            blas = "OpenBLAS failed to load: " + e;
        }
        return new MachineInfo(procField("/proc/cpuinfo", "model name"), Runtime.getRuntime().availableProcessors(),
                procField("/proc/meminfo", "MemTotal"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), blas, currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg writes them. */
    public static String currentLoadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    /** The value of the first "key : value" line of a /proc file, or "unknown". */
    static String procField(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say so rather than fail a benchmark
        }
        return "unknown";
    }
}
