package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kernels/*.cu sources against the launchers' catalog ({@link Kernel}), without nvcc:
 * every entry the backend launches is an {@code extern "C" __global__} function of the right
 * file, typed kernels come in f32 and f64, no .cu entry point is left unused, each file names
 * its CPU twin, and the activation codes match {@link Activation}'s order.
 */
class KernelSourcesTest {
    static final Path KERNELS = Path.of("..", "kernels");
    private static final Pattern ENTRY = Pattern.compile("extern\\s+\"C\"\\s+__global__\\s+void\\s+(\\w+)\\s*\\(");

    static Set<String> entriesInSource(KernelModule m) throws IOException {
        String src = Files.readString(KERNELS.resolve(m.fileName() + ".cu"));
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = ENTRY.matcher(src);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void everyLaunchedEntryIsDefinedInItsFile() throws IOException {
        for (Kernel k : Kernel.values()) {
            Set<String> defined = entriesInSource(k.module());
            for (String entry : k.entries()) {
                assertTrue(defined.contains(entry), entry + " is not an extern \"C\" __global__ function of kernels/"
                        + k.module().fileName() + ".cu");
            }
        }
    }

    @Test
    void typedKernelsComeInFloat32AndFloat64() {
        for (Kernel k : Kernel.values()) {
            if (k == Kernel.SUM_PARTIALS || k == Kernel.CONVERT) {
                continue; // dtype-free second reduction pass; conversion is by definition a pair
            }
            List<String> e = k.entries();
            assertTrue(e.stream().anyMatch(s -> s.endsWith("_f32") && !s.endsWith("_f64_f32")), k + " has no f32 entry: " + e);
            assertTrue(e.stream().anyMatch(s -> s.endsWith("_f64") && !s.endsWith("_f32_f64")), k + " has no f64 entry: " + e);
        }
    }

    @Test
    void noEntryPointIsLeftUnused() throws IOException {
        Set<String> launched = new TreeSet<>();
        for (Kernel k : Kernel.values()) {
            launched.addAll(k.entries());
        }
        List<String> unused = new ArrayList<>();
        for (KernelModule m : KernelModule.values()) {
            for (String e : entriesInSource(m)) {
                if (!launched.contains(e)) {
                    unused.add(m.fileName() + ".cu:" + e);
                }
            }
        }
        assertTrue(unused.isEmpty(), "entry points no launcher knows: " + unused);
    }

    @Test
    void everyCuFileIsAModuleAndNamesItsCpuTwin() throws IOException {
        Set<String> modules = new TreeSet<>();
        for (KernelModule m : KernelModule.values()) {
            modules.add(m.fileName() + ".cu");
            String src = Files.readString(KERNELS.resolve(m.fileName() + ".cu"));
            assertTrue(src.contains("CPU twin"), m.fileName() + ".cu does not name its CPU twin");
        }
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(KERNELS)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).forEach(files::add);
        }
        assertEquals(modules, files, "kernels/*.cu and KernelModule disagree");
    }

    @Test
    void activationCodesFollowTheEnumOrder() throws IOException {
        String src = Files.readString(KERNELS.resolve("activations.cu"));
        for (Activation a : Activation.values()) {
            Matcher m = Pattern.compile("ACT_" + a.name() + "\\s*=\\s*(\\d+)").matcher(src);
            assertTrue(m.find(), "activations.cu has no ACT_" + a.name());
            assertEquals(a.ordinal(), Integer.parseInt(m.group(1)), "ACT_" + a.name());
        }
    }

    @Test
    void signaturesUseKnownLettersAndResolveTheElementType() {
        for (Kernel k : Kernel.values()) {
            for (String e : k.entries()) {
                String sig = k.signature(e);
                assertTrue(sig.matches("[plifd]+"), e + ": " + sig);
            }
        }
        assertEquals("lpf", Kernel.FILL.signature("fill_f32"));
        assertEquals("lpd", Kernel.FILL.signature("fill_f64"));
    }
}
