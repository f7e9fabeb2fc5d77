package dev.gn4j.nativelib;

/**
 * One entry of an ELF file's dynamic symbol table, with its symbol version resolved.
 *
 * @param name        the symbol's name
 * @param type        STT_* (0 notype, 1 object, 2 func, 10 gnu_ifunc)
 * @param binding     STB_* (0 local, 1 global, 2 weak)
 * @param defined     false for an import (section index SHN_UNDEF)
 * @param version     the version node name ("libcublas.so.12", "GLIBC_2.2.5"), or null when unversioned
 * @param versionFile for an import, the library its version-needed entry names ("libcublas.so.12"); else null
 */
public record ElfSymbol(String name, int type, int binding, boolean defined, String version, String versionFile) {
    public static final int STT_FUNC = 2;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    /** A named global or weak symbol: the only kind the dynamic linker binds across libraries. */
    public boolean isDynamicLinkable() {
        return !name.isEmpty() && (binding == STB_GLOBAL || binding == STB_WEAK);
    }
}
