package dev.gn4j.engine.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a tar stream (ustar, with the pax and GNU long-name extensions
 * that npm's tarballs may use), so that a fetched npm package can be unpacked
 * without a tar program or a library.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** One entry's header: its path inside the archive, its size, and whether it is a regular file. */
    record Entry(String name, long size, boolean regularFile) {
    }

    private final InputStream in;
    private long remaining; // content bytes of the current entry not yet read
    private long padding; // zero bytes that round the current entry up to whole blocks

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. Unread content of the previous entry is skipped. */
    Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length == 0) {
                return null; // no end-of-archive blocks; tolerated, as GNU tar does
            }
            if (h.length < BLOCK) {
                throw new EOFException("the archive ends inside an entry header");
            }
            if (allZero(h)) {
                return null;
            }
            checkChecksum(h);
            long size = size(h);
            char type = (char) h[156];
            if (type == 'L' || type == 'x' || type == 'g') {
                if (size > 1 << 20) {
                    throw new IOException("an extended header of " + size + " bytes is implausibly large");
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length < size) {
                    throw new EOFException("the archive ends inside an extended header");
                }
                skip(pad(size));
                if (type == 'L') {
                    longName = cString(data, 0, data.length);
                } else if (type == 'x') {
                    String path = paxPath(data);
                    longName = path != null ? path : longName;
                }
                continue;
            }
            String name = longName;
            if (name == null) {
                name = cString(h, 0, 100);
                String magic = cString(h, 257, 6);
                String prefix = magic.startsWith("ustar") ? cString(h, 345, 155) : "";
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            remaining = size;
            padding = pad(size);
            return new Entry(name, size, type == '0' || type == '\0' || type == '7');
        }
    }

    /** The content of the current entry. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the archive ends inside an entry");
                }
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int r = in.read(buf, off, (int) Math.min(len, remaining));
                if (r < 0) {
                    throw new EOFException("the archive ends inside an entry");
                }
                remaining -= r;
                return r;
            }
        };
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the archive ends inside an entry");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header checksum: the byte sum with the checksum field taken as spaces. */
    private static void checkChecksum(byte[] h) throws IOException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        long stored = octal(h, 148, 8);
        if (stored != sum) {
            throw new IOException("a tar header's checksum is wrong; the archive is damaged or not a tar file");
        }
    }

    private static long size(byte[] h) throws IOException {
        if ((h[124] & 0x80) != 0) { // GNU base-256 for sizes of 8 GiB and more
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        return octal(h, 124, 12);
    }

    private static long octal(byte[] h, int off, int len) throws IOException {
        long v = 0;
        int i = off, end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
            v = v * 8 + (h[i] - '0');
        }
        for (; i < end; i++) {
            if (h[i] != ' ' && h[i] != 0) {
                throw new IOException("a tar header holds a malformed number; the archive is damaged or not a tar file");
            }
        }
        return v;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** The "path" record of a pax extended header ("LEN key=value\n" records), or null. */
    private static String paxPath(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int at = 0;
        while (at < text.length()) {
            int space = text.indexOf(' ', at);
            if (space < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(text.substring(at, space));
            } catch (NumberFormatException e) {
                break;
            }
            // LEN counts bytes; the records gn4j needs are ASCII, where bytes and chars agree.
            int end = Math.min(text.length(), at + len);
            String record = text.substring(space + 1, Math.max(space + 1, end - 1));
            if (record.startsWith("path=")) {
                return record.substring(5);
            }
            if (len <= 0) {
                break;
            }
            at = end;
        }
        return null;
    }
}
