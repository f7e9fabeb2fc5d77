package dev.gn4j.nativelib;

import java.util.List;

/**
 * One entry of .gnu.version_r: a library this file depends on and the version nodes it requires of it.
 * The dynamic linker refuses to load the file when that library does not define every one of them,
 * which is why a symlink libcublas.so.12 -> libcublas.so.13 is not enough.
 */
public record ElfVersionNeed(String file, List<String> versions) {
    public ElfVersionNeed {
        versions = List.copyOf(versions);
    }
}
