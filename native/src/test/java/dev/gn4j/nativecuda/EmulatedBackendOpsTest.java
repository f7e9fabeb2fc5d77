package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link BackendOpsContract} on the kernel lab: kernels/*.cu compiled as host C++ with
 * AddressSanitizer and UndefinedBehaviorSanitizer, launched through CudaBackend's own
 * launchers on a grid small enough that every loop wraps. Runs in every build with g++.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatedBackendOpsTest extends BackendOpsContract {
    EmulatedBackendOpsTest() {
        super(DeviceUnderTest.LAB);
    }

    private KernelLab lab() {
        return ((LabBackend) gpu).lab();
    }

    @Test
    @Order(0)
    void theLabsSignaturesAreTheLaunchers() {
        TreeMap<String, String> expected = new TreeMap<>();
        for (Kernel k : Kernel.values()) {
            for (String e : k.entries()) {
                expected.put(e, k.signature(e));
            }
        }
        assertEquals(expected, new TreeMap<>(lab().entrySignatures()),
                "the parameter lists the lab read from the kernels' C++ declarations");
    }

    /** Last (run the whole class): the contract above reached every entry point of every kernel. */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyEntryPointWasLaunched() {
        Set<String> missing = new TreeSet<>();
        for (Kernel k : Kernel.values()) {
            missing.addAll(k.entries());
        }
        missing.removeAll(lab().launched());
        assertEquals(Set.of(), missing, "entry points the contract never launched in the lab");
    }
}
