package dev.gn4j.shimgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.nativelib.ShimIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JCuda 12.6 natives against the shims generated from them: every versioned import binds, and
 * without the shims, or with a symlink in their place, it does not. Needs gcc and the JCuda natives on the
 * test class path. gn4j-native's PackagedShimsTest goes on from here, from Java, through the shims it packages.
 */
class JcudaThroughShimTest {
    static final String DLOPEN = """
            #include <dlfcn.h>
            #include <stdio.h>
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) {
                    if (dlopen(argv[i], RTLD_NOW | RTLD_LOCAL) == NULL) {
                        printf("FAIL %s\\n", dlerror());
                        return 1;
                    }
                    printf("OK %s\\n", argv[i]);
                }
                return 0;
            }
            """;

    @Test
    void everyImportOfTheJcudaNativesResolvesAgainstTheShimsAndOnlyThroughThem(@TempDir Path dir) throws IOException {
        ShimCompiler gcc = NativeToolchain.assumeGcc();
        NativeToolchain.assumeJcudaNatives();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Optional<ShimIndex> index = ShimGenerator.generate(JcudaNatives.entries(System.getProperty("java.class.path")),
                dir.resolve("shims"), dir.resolve("src"), Optional.of(gcc), new PrintStream(log, true));
        assertTrue(index.isPresent(), log.toString());
        assertEquals(List.of(new ShimIndex.Entry("libcublas.so.12", "libcublas.so.13", 649),
                new ShimIndex.Entry("libcusolver.so.11", "libcusolver.so.12", 463),
                new ShimIndex.Entry("libcusolverMg.so.11", "libcusolverMg.so.12", 19)), index.get().entries());
        long total = 0;
        for (ShimIndex.Entry e : index.get().entries()) {
            total += Files.size(dir.resolve("shims").resolve(e.soname()));
        }
        assertTrue(total < 512 * 1024, "a few hundred KB: " + total);

        Map<String, Path> natives = NativeToolchain.extractJcudaNatives(dir);
        NativeToolchain.gcc(dir, "dl.c", DLOPEN, "-o", "dl", "-ldl");
        List<String> cmd = new ArrayList<>(List.of("./dl"));
        natives.values().forEach(p -> cmd.add(p.toString()));

        // RTLD_NOW: every one of the 1131 versioned imports must bind, or dlopen fails.
        NativeToolchain.Result ok = NativeToolchain.run(dir,
                Map.of("LD_LIBRARY_PATH", dir.resolve("shims").toString()), List.of(), cmd.toArray(String[]::new));
        assertEquals(0, ok.exit(), ok.all());
        assertEquals(3, ok.stdout().lines().filter(l -> l.startsWith("OK ")).count(), ok.all());

        // Without the shims, as on a CUDA 13 host: libcublas.so.12 is simply absent.
        NativeToolchain.Result absent = NativeToolchain.run(dir, Map.of("LD_LIBRARY_PATH", dir.resolve("none").toString()),
                List.of(), cmd.toArray(String[]::new));
        assertTrue(absent.stdout().contains("libcublas.so.12: cannot open shared object file"), absent.all());

        // And why a symlink is not enough: libcublas.so.13 defines its own version node, not libcublas.so.12.
        Path fake = Files.createDirectories(dir.resolve("symlinked"));
        Files.writeString(fake.resolve("c13.map"), "libcublas.so.13 { global: cublas*; local: *; };\n");
        NativeToolchain.gcc(fake, "c13.c", NativeToolchain.STAND_IN_CUBLAS, "-shared", "-Wl,-soname,libcublas.so.13",
                "-Wl,--version-script=c13.map", "-o", "libcublas.so.13");
        Files.createSymbolicLink(fake.resolve("libcublas.so.12"), fake.resolve("libcublas.so.13"));
        NativeToolchain.Result symlink = NativeToolchain.run(dir, Map.of("LD_LIBRARY_PATH", fake.toString()), List.of(),
                "./dl", natives.get(natives.keySet().stream().filter(k -> k.contains("JCublas2")).findFirst().orElseThrow())
                        .toString());
        assertTrue(symlink.stdout().contains("version `libcublas.so.12' not found"), symlink.all());
    }
}
