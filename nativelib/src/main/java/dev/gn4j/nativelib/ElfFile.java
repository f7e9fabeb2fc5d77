package dev.gn4j.nativelib;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dynamic-linking view of an ELF64 little-endian shared object: SONAME, DT_NEEDED, the dynamic
 * symbol table and the GNU symbol-versioning sections (.gnu.version, .gnu.version_r, .gnu.version_d).
 *
 * <p>Written in Java rather than shelling out to readelf so that the shim generator and the CUDA library
 * search run wherever the JVM runs, and so the tests pin exactly what is read. It reads section headers,
 * which every shared object produced by a normal toolchain keeps (strip removes .symtab, not these).
 */
public final class ElfFile {
    public static final int EM_X86_64 = 62;

    private static final int SHT_DYNSYM = 11;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERDEF = 0x6ffffffd;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int SHT_GNU_VERSYM = 0x6fffffff;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_SONAME = 14;
    private static final int VER_FLG_BASE = 1;

    private final int machine;
    private final String soname;
    private final List<String> needed;
    private final List<ElfSymbol> symbols;
    private final List<ElfVersionNeed> versionNeeds;
    private final List<String> versionDefinitions;

    private ElfFile(int machine, String soname, List<String> needed, List<ElfSymbol> symbols,
                    List<ElfVersionNeed> versionNeeds, List<String> versionDefinitions) {
        this.machine = machine;
        this.soname = soname;
        this.needed = List.copyOf(needed);
        this.symbols = List.copyOf(symbols);
        this.versionNeeds = List.copyOf(versionNeeds);
        this.versionDefinitions = List.copyOf(versionDefinitions);
    }

    /**
     * Reads a file by mapping it: cuBLAS and cuSOLVER libraries are hundreds of MB, and only their headers,
     * dynamic section and symbol tables are touched.
     */
    public static ElfFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new ElfFormatException(file + ": larger than 2 GiB");
            }
            return parse(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        } catch (ElfFormatException e) {
            throw new ElfFormatException(file + ": " + e.getMessage());
        }
    }

    public static ElfFile parse(byte[] bytes) throws ElfFormatException {
        return parse(ByteBuffer.wrap(bytes));
    }

    public static ElfFile parse(ByteBuffer buffer) throws ElfFormatException {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64 || b.getInt(0) != 0x464c457f) {
            throw new ElfFormatException("not an ELF file");
        }
        if (b.get(4) != 2 || b.get(5) != 1) {
            throw new ElfFormatException("not ELF64 little-endian (class " + b.get(4) + ", data " + b.get(5) + ")");
        }
        int machine = Short.toUnsignedInt(b.getShort(18));
        long shoff = b.getLong(40);
        int shentsize = Short.toUnsignedInt(b.getShort(58));
        int shnum = Short.toUnsignedInt(b.getShort(60));
        if (shoff == 0) {
            throw new ElfFormatException("no section headers");
        }
        if (shentsize < 64) {
            throw new ElfFormatException("section header size " + shentsize);
        }
        if (shnum == 0) {
            // More than 0xff00 sections: the real count lives in section 0's sh_size.
            shnum = (int) new Reader(b).u64(check(b, shoff, 64) + 32);
        }
        Reader r = new Reader(b);
        List<Section> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long h = check(b, shoff + (long) i * shentsize, 64);
            sections.add(new Section(r.u32(h + 4), r.u64(h + 24), r.u64(h + 32), r.u32(h + 40), r.u32(h + 44),
                    r.u64(h + 56)));
        }
        Section dynsym = find(sections, SHT_DYNSYM);
        Section dynamic = find(sections, SHT_DYNAMIC);
        Section versym = find(sections, SHT_GNU_VERSYM);
        Section verneed = find(sections, SHT_GNU_VERNEED);
        Section verdef = find(sections, SHT_GNU_VERDEF);

        String soname = null;
        List<String> needed = new ArrayList<>();
        if (dynamic != null) {
            Section strtab = linked(sections, dynamic);
            for (long off = dynamic.offset; off + 16 <= dynamic.offset + dynamic.size; off += 16) {
                long tag = r.u64(check(b, off, 16));
                long val = r.u64(off + 8);
                if (tag == DT_NULL) {
                    break;
                } else if (tag == DT_NEEDED) {
                    needed.add(r.string(strtab, val));
                } else if (tag == DT_SONAME) {
                    soname = r.string(strtab, val);
                }
            }
        }

        // Version indices: 0 local, 1 global (unversioned), >= 2 defined by verdef or required by verneed.
        Map<Integer, String[]> versionsByIndex = new HashMap<>();
        List<ElfVersionNeed> needs = new ArrayList<>();
        if (verneed != null) {
            Section strtab = linked(sections, verneed);
            long off = verneed.offset;
            for (long n = 0; n < verneed.info; n++) {
                check(b, off, 16);
                String file = r.string(strtab, r.u32(off + 4));
                int count = r.u16(off + 2);
                long aux = off + r.u32(off + 8);
                List<String> names = new ArrayList<>();
                for (int a = 0; a < count; a++) {
                    check(b, aux, 16);
                    String name = r.string(strtab, r.u32(aux + 8));
                    names.add(name);
                    versionsByIndex.put(r.u16(aux + 6) & 0x7fff, new String[] {name, file});
                    aux += r.u32(aux + 12);
                }
                needs.add(new ElfVersionNeed(file, names));
                long next = r.u32(off + 12);
                if (next == 0) {
                    break;
                }
                off += next;
            }
        }
        List<String> definitions = new ArrayList<>();
        if (verdef != null) {
            Section strtab = linked(sections, verdef);
            long off = verdef.offset;
            for (long n = 0; n < verdef.info; n++) {
                check(b, off, 20);
                int flags = r.u16(off + 2);
                int index = r.u16(off + 4);
                long aux = off + r.u32(off + 12);
                String name = r.string(strtab, r.u32(check(b, aux, 8)));
                versionsByIndex.put(index, new String[] {name, null});
                if ((flags & VER_FLG_BASE) == 0) {
                    definitions.add(name);
                }
                long next = r.u32(off + 16);
                if (next == 0) {
                    break;
                }
                off += next;
            }
        }

        List<ElfSymbol> symbols = new ArrayList<>();
        if (dynsym != null) {
            Section strtab = linked(sections, dynsym);
            long entsize = dynsym.entsize == 0 ? 24 : dynsym.entsize;
            long count = dynsym.size / entsize;
            for (long i = 0; i < count; i++) {
                long s = check(b, dynsym.offset + i * entsize, 24);
                String name = r.string(strtab, r.u32(s));
                int info = b.get((int) s + 4) & 0xff;
                boolean defined = r.u16(s + 6) != 0;
                String version = null;
                String versionFile = null;
                if (versym != null) {
                    int index = r.u16(check(b, versym.offset + 2 * i, 2)) & 0x7fff;
                    String[] v = versionsByIndex.get(index);
                    if (v != null) {
                        version = v[0];
                        versionFile = defined ? null : v[1];
                    }
                }
                symbols.add(new ElfSymbol(name, info & 0xf, info >>> 4, defined, version, versionFile));
            }
        }
        return new ElfFile(machine, soname, needed, symbols, needs, definitions);
    }

    /** e_machine: 62 for x86-64. */
    public int machine() {
        return machine;
    }

    /** DT_SONAME, or null when the file has none. */
    public String soname() {
        return soname;
    }

    /** DT_NEEDED entries in file order. */
    public List<String> needed() {
        return needed;
    }

    /** Every dynamic symbol, index 0 (the null symbol) included. */
    public List<ElfSymbol> symbols() {
        return symbols;
    }

    /** Named global/weak symbols this file expects another library to provide. */
    public List<ElfSymbol> imports() {
        return symbols.stream().filter(s -> !s.defined() && s.isDynamicLinkable()).toList();
    }

    /** Named global/weak symbols this file provides. */
    public List<ElfSymbol> exports() {
        return symbols.stream().filter(s -> s.defined() && s.isDynamicLinkable()).toList();
    }

    public List<ElfVersionNeed> versionNeeds() {
        return versionNeeds;
    }

    /** Version nodes this file defines, without the base entry (which only repeats the soname). */
    public List<String> versionDefinitions() {
        return versionDefinitions;
    }

    private static Section find(List<Section> sections, int type) {
        for (Section s : sections) {
            if (s.type == type) {
                return s;
            }
        }
        return null;
    }

    private static Section linked(List<Section> sections, Section s) throws ElfFormatException {
        if (s.link >= sections.size()) {
            throw new ElfFormatException("section link " + s.link + " out of range");
        }
        return sections.get((int) s.link);
    }

    private static long check(ByteBuffer b, long offset, int length) throws ElfFormatException {
        if (offset < 0 || offset + length > b.limit()) {
            throw new ElfFormatException("truncated: offset " + offset + " + " + length + " beyond " + b.limit());
        }
        return offset;
    }

    private record Section(long type, long offset, long size, long link, long info, long entsize) {
    }

    /** Bounds-checked little-endian reads; every offset in an ELF file is untrusted. */
    private record Reader(ByteBuffer b) {
        long u64(long off) throws ElfFormatException {
            return b.getLong((int) check(b, off, 8));
        }

        long u32(long off) throws ElfFormatException {
            return Integer.toUnsignedLong(b.getInt((int) check(b, off, 4)));
        }

        int u16(long off) throws ElfFormatException {
            return Short.toUnsignedInt(b.getShort((int) check(b, off, 2)));
        }

        String string(Section strtab, long index) throws ElfFormatException {
            if (index >= strtab.size) {
                throw new ElfFormatException("string index " + index + " beyond its table");
            }
            int start = (int) check(b, strtab.offset + index, 1);
            int end = start;
            int limit = (int) Math.min(b.limit(), strtab.offset + strtab.size);
            while (end < limit && b.get(end) != 0) {
                end++;
            }
            byte[] out = new byte[end - start];
            b.get(start, out);
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
