package dev.gn4j.shimgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three generated files of one shim.
 *
 * @param soname        the shim's soname and output file name, e.g. libcublas.so.12
 * @param assembly      x86-64 GNU assembler: the slot table and one {@code jmp *slot(%rip)} per symbol
 * @param versionScript the linker version script binding every symbol to the old version node
 * @param constructor   C: the constructor that dlopens the CUDA 13 library and fills the slots
 */
public record ShimSources(String soname, String assembly, String versionScript, String constructor) {

    public Path assemblyFile(Path dir) {
        return dir.resolve(soname + ".s");
    }

    public Path versionScriptFile(Path dir) {
        return dir.resolve(soname + ".map");
    }

    public Path constructorFile(Path dir) {
        return dir.resolve(soname + ".c");
    }

    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(assemblyFile(dir), assembly, StandardCharsets.UTF_8);
        Files.writeString(versionScriptFile(dir), versionScript, StandardCharsets.UTF_8);
        Files.writeString(constructorFile(dir), constructor, StandardCharsets.UTF_8);
    }
}
