package dev.gn4j.shimgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.nativelib.ElfFile;
import dev.gn4j.nativelib.ElfFormatException;
import dev.gn4j.nativelib.ElfSymbol;
import dev.gn4j.nativelib.ElfVersionNeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfFileTest {

    @Test
    void readsTheVersionedCublasImportsOfTheRealJcublas2Native() throws IOException {
        Map<String, ElfFile> natives = NativeToolchain.assumeJcudaNatives();
        ElfFile jcublas2 = natives.entrySet().stream().filter(e -> e.getKey().startsWith("lib/libJCublas2-"))
                .findFirst().orElseThrow().getValue();

        assertEquals(ElfFile.EM_X86_64, jcublas2.machine());
        assertEquals("libJCublas2-12.6.0-linux-x86_64.so", jcublas2.soname());
        assertTrue(jcublas2.needed().contains("libcublas.so.12"), jcublas2.needed().toString());
        assertTrue(jcublas2.versionNeeds().contains(new ElfVersionNeed("libcublas.so.12", List.of("libcublas.so.12"))));

        ElfSymbol sgemm = jcublas2.imports().stream().filter(s -> s.name().equals("cublasSgemm_v2")).findFirst()
                .orElseThrow();
        assertEquals(new ElfSymbol("cublasSgemm_v2", ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, false,
                "libcublas.so.12", "libcublas.so.12"), sgemm);
        long fromCublas = jcublas2.imports().stream().filter(s -> "libcublas.so.12".equals(s.versionFile())).count();
        assertEquals(494, fromCublas, "JCublas2 12.6.0 imports 494 functions from libcublas.so.12 (readelf agrees)");
        assertTrue(jcublas2.exports().stream().anyMatch(s -> s.name().equals("Java_jcuda_jcublas_JCublas2_cublasCreateNative")));
    }

    @Test
    void readsVersionDefinitionsAndImportsOfLibrariesBuiltHere(@TempDir Path dir) throws IOException {
        NativeToolchain.assumeGcc();
        Files.writeString(dir.resolve("foo.map"), "FOO_1 { global: foo; bar; local: *; };\n");
        NativeToolchain.gcc(dir, "foo.c", "int foo(void) { return 1; }\nint bar(int x) { return x; }\nint hidden(void) { return 2; }\n",
                "-shared", "-Wl,-soname,libfoo.so.1", "-Wl,--version-script=foo.map", "-o", "libfoo.so.1");
        NativeToolchain.gcc(dir, "user.c", "int foo(void);\nint use(void) { return foo(); }\n",
                "-shared", "-Wl,-soname,libuser.so", "-o", "libuser.so", "-L.", "-l:libfoo.so.1");

        ElfFile foo = ElfFile.read(dir.resolve("libfoo.so.1"));
        assertEquals("libfoo.so.1", foo.soname());
        assertEquals(List.of("FOO_1"), foo.versionDefinitions());
        assertTrue(foo.exports().stream().anyMatch(s -> s.name().equals("bar") && "FOO_1".equals(s.version())));
        assertFalse(foo.exports().stream().anyMatch(s -> s.name().equals("hidden")), "local: * hides it");

        ElfFile user = ElfFile.read(dir.resolve("libuser.so"));
        assertTrue(user.needed().contains("libfoo.so.1"));
        ElfSymbol imported = user.imports().stream().filter(s -> s.name().equals("foo")).findFirst().orElseThrow();
        assertEquals("FOO_1", imported.version());
        assertEquals("libfoo.so.1", imported.versionFile());
    }

    @Test
    void rejectsWhatIsNotAnElf64LittleEndianFile(@TempDir Path dir) throws IOException {
        assertThrows(ElfFormatException.class, () -> ElfFile.parse(new byte[100]));
        assertThrows(ElfFormatException.class, () -> ElfFile.parse("#!/bin/sh\necho not elf\n".getBytes()));
        byte[] elf32 = new byte[64];
        elf32[0] = 0x7f;
        elf32[1] = 'E';
        elf32[2] = 'L';
        elf32[3] = 'F';
        elf32[4] = 1;
        elf32[5] = 1;
        assertThrows(ElfFormatException.class, () -> ElfFile.parse(elf32));
        Path text = Files.writeString(dir.resolve("libfake.so.13"), "INPUT(libreal.so)\n");
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(text));
        assertTrue(e.getMessage().contains("libfake.so.13"), e.getMessage());
    }

    @Test
    void aTruncatedLibraryFailsWithAFormatErrorNotAnIndexError() throws IOException {
        Map<String, ElfFile> natives = NativeToolchain.assumeJcudaNatives();
        assertFalse(natives.isEmpty());
        byte[] whole = jcublasBytes();
        // Section headers sit at the end of the file: cutting it anywhere past the ELF header loses them.
        for (int cut : new int[] {64, 4096, whole.length / 2, whole.length - 100}) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThrows(ElfFormatException.class, () -> ElfFile.parse(part), "cut at " + cut);
        }
    }

    private static byte[] jcublasBytes() throws IOException {
        for (Path entry : JcudaNatives.entries(System.getProperty("java.class.path"))) {
            if (entry.toString().contains("jcublas-natives") && entry.toString().endsWith(".jar")) {
                try (var zip = new java.util.zip.ZipFile(entry.toFile())) {
                    var z = zip.stream().filter(e -> e.getName().startsWith("lib/libJCublas2-")).findFirst().orElseThrow();
                    return zip.getInputStream(z).readAllBytes();
                }
            }
        }
        throw new IllegalStateException("jcublas-natives jar not found");
    }
}
