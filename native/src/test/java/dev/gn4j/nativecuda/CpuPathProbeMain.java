package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Backends;

/**
 * Run in a child JVM by {@link CpuPathLoadsNoJcudaTest}: what `gn4j train` does for
 * `--device auto` on a machine without a GPU (ServiceLoader, the provider's probe, then the
 * CPU backend), printing the backend it got.
 */
public final class CpuPathProbeMain {
    private CpuPathProbeMain() {
    }

    public static void main(String[] args) {
        try (Backend be = Backends.open("auto")) {
            System.out.println("backend=" + be.name());
        }
        System.out.println("reason=" + new CudaBackendProvider().unavailableReason());
    }
}
