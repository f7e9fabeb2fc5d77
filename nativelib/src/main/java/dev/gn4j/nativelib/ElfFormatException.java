package dev.gn4j.nativelib;

import java.io.IOException;

/** The bytes are not an ELF64 little-endian shared object this reader understands, or they are truncated. */
public final class ElfFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
