package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PTX the build packaged (when nvcc was on the PATH): every module is a resource, every
 * launched entry is a {@code .entry} of its module, the {@code .param} list matches the
 * launcher's signature, and (when ptxas is there too) the PTX assembles for Turing and
 * Hopper with its ISA version lowered to 8.0, the loader's fallback for CUDA 12 drivers.
 * Skipped by assumption on a build without nvcc, where the backend reports "kernels missing".
 */
class PtxResourcesTest {
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+\\.(\\w+)");
    private static PtxBundle bundle;

    static Path nvcc() {
        String env = System.getenv("NVCC");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        for (String dir : String.valueOf(System.getenv("PATH")).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "nvcc");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String missing;

    @BeforeAll
    static void load() {
        try {
            bundle = PtxBundle.load();
        } catch (PtxBundle.Missing e) {
            missing = e.getMessage();
        }
    }

    /** Skips each test visibly on a build without nvcc; fails if nvcc was there but no PTX was packaged. */
    @BeforeEach
    void requirePtx() {
        if (bundle == null && nvcc() != null) {
            fail("nvcc is on the PATH but the build packaged no PTX: " + missing);
        }
        assumeTrue(bundle != null, "built without nvcc: " + missing);
    }

    /** entry name → parameter types (u64, u32, f32, f64) of one PTX text. */
    static Map<String, List<String>> entries(byte[] ptx) {
        Map<String, List<String>> out = new HashMap<>();
        Matcher m = ENTRY.matcher(new String(ptx, StandardCharsets.US_ASCII));
        while (m.find()) {
            List<String> params = new ArrayList<>();
            Matcher p = PARAM.matcher(m.group(2));
            while (p.find()) {
                params.add(p.group(1));
            }
            out.put(m.group(1), params);
        }
        return out;
    }

    private static String ptxType(char letter) {
        return switch (letter) {
            case 'p', 'l' -> "u64";
            case 'i' -> "u32";
            case 'f' -> "f32";
            case 'd' -> "f64";
            default -> throw new IllegalArgumentException("signature letter " + letter);
        };
    }

    @Test
    void everyModuleTargetsCompute75() {
        for (KernelModule m : KernelModule.values()) {
            String text = new String(bundle.ptx(m), StandardCharsets.US_ASCII);
            assertTrue(text.contains(".target sm_75"), m.resource() + " is not PTX for compute_75");
            assertNotNull(PtxVersion.declared(bundle.ptx(m)), m.resource() + " has no .version");
        }
        assertTrue(bundle.buildInfo().contains("nvcc="), "BUILD-INFO: " + bundle.buildInfo());
    }

    @Test
    void everyLaunchedEntryIsInThePtxWithTheLaunchersParameters() {
        for (Kernel k : Kernel.values()) {
            Map<String, List<String>> ptx = entries(bundle.ptx(k.module()));
            for (String entry : k.entries()) {
                List<String> params = ptx.get(entry);
                assertNotNull(params, entry + " is not an .entry of " + k.module().resource());
                String sig = k.signature(entry);
                List<String> expected = sig.chars().mapToObj(c -> ptxType((char) c)).toList();
                assertEquals(expected, params, entry + ": launcher signature " + sig + " vs PTX .param list");
            }
        }
    }

    @Test
    void ptxAssemblesForTuringAndHopperEvenWithTheIsaLoweredForCuda12Drivers() throws Exception {
        Path nvcc = nvcc();
        Path ptxas = nvcc == null ? null : nvcc.toRealPath().resolveSibling("ptxas");
        assumeTrue(ptxas != null && Files.isExecutable(ptxas), "ptxas is not next to nvcc");
        Path dir = Files.createTempDirectory("gn4j-ptx");
        try {
            for (KernelModule m : KernelModule.values()) {
                byte[] lowered = PtxVersion.withVersion(bundle.ptx(m), "8.0");
                assertEquals("8.0", PtxVersion.declared(lowered));
                Path file = dir.resolve(m.fileName() + ".ptx");
                Files.write(file, lowered);
                for (String arch : List.of("sm_75", "sm_90")) {
                    Process p = new ProcessBuilder(ptxas.toString(), "-arch=" + arch, "-o", dir.resolve("out.cubin").toString(),
                            file.toString()).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptxas timed out");
                    assertEquals(0, p.exitValue(), "ptxas -arch=" + arch + " " + m.fileName() + ".ptx (ISA 8.0): " + out);
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void originNamesWhereThePtxCameFrom() throws IOException {
        assertTrue(bundle.origin().contains("classes") || bundle.origin().endsWith(".jar"), bundle.origin());
    }
}
