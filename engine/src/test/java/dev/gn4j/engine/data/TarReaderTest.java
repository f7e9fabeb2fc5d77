package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    @Test
    void readsEntriesSkippingUnreadContent() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[1300];
        Arrays.fill(big, (byte) 7);
        entries.put("package/data/big", big);
        entries.put("package/data/small", new byte[] {1, 2, 3});
        TarReader tar = new TarReader(new ByteArrayInputStream(TarWriter.tar(entries)));
        TarReader.Entry first = tar.next();
        assertEquals("package/package.json", first.name());
        assertTrue(first.regularFile());
        TarReader.Entry second = tar.next(); // first's content is skipped unread
        assertEquals("package/data/big", second.name());
        assertEquals(1300, second.size());
        assertArrayEquals(big, tar.content().readAllBytes());
        assertEquals("package/data/small", tar.next().name());
        assertArrayEquals(new byte[] {1, 2, 3}, tar.content().readAllBytes());
        assertNull(tar.next());
    }

    @Test
    void paxPathOverridesTheHeaderName() throws IOException {
        String path = "package/" + "d".repeat(120) + "/file";
        String record = " path=" + path + "\n";
        int len = record.length() + 3; // the length field counts itself: three digits here
        byte[] pax = (len + record).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TarWriter.header("PaxHeader/file", pax.length, 'x'));
        out.writeBytes(Arrays.copyOf(pax, 512));
        out.writeBytes(TarWriter.header("truncated-name", 2, '0'));
        out.writeBytes(Arrays.copyOf(new byte[] {9, 9}, 512));
        out.writeBytes(new byte[1024]);
        TarReader tar = new TarReader(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(path, tar.next().name());
        assertArrayEquals(new byte[] {9, 9}, tar.content().readAllBytes());
    }

    @Test
    void damagedHeaderAndTruncatedArchive() {
        byte[] tar = TarWriter.tar(Map.of("a", new byte[600]));
        tar[10] ^= 1;
        IOException damaged = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(tar)).next());
        assertEquals("a tar header's checksum is wrong; the archive is damaged or not a tar file", damaged.getMessage());
        byte[] cut = Arrays.copyOf(TarWriter.tar(Map.of("a", new byte[600])), 700);
        TarReader r = new TarReader(new ByteArrayInputStream(cut));
        assertThrows(EOFException.class, () -> {
            r.next();
            r.content().readAllBytes();
        });
    }
}
