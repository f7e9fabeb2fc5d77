package dev.gn4j.nativecuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pure-Java first look for an NVIDIA driver, so that `--device auto` on a machine without
 * a GPU answers without loading a single JCuda class or native library (the CPU path pays
 * nothing for the CUDA backend being on the classpath). Every Linux NVIDIA driver creates
 * /dev/nvidiactl and /proc/driver/nvidia; WSL2 exposes /dev/dxg instead. Where none exists,
 * cuInit could only fail. GN4J_CUDA_PROBE=always skips this look and asks the driver.
 */
final class GpuMarkers {
    static final List<Path> MARKERS = List.of(Path.of("/dev/nvidiactl"), Path.of("/dev/nvidia0"),
            Path.of("/proc/driver/nvidia/version"), Path.of("/dev/dxg"));

    private GpuMarkers() {
    }

    /** Null if a driver may be present, else the sentence saying why there is none. */
    static String absentReason() {
        if ("always".equalsIgnoreCase(System.getenv("GN4J_CUDA_PROBE"))) {
            return null;
        }
        for (Path p : MARKERS) {
            if (Files.exists(p)) {
                return null;
            }
        }
        return "no NVIDIA driver: none of /dev/nvidiactl, /proc/driver/nvidia or /dev/dxg exists on this machine";
    }
}
