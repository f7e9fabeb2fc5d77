package dev.gn4j.engine.io;

import dev.gn4j.engine.memory.HeapBudget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.data.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header
 * (name → dtype, shape, data_offsets; optional string map {@code __metadata__}),
 * then the raw little-endian row-major tensor bytes. F32 and F64 are read and written.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {
    }

    /** A row-major tensor held as doubles, with the dtype it is stored in. */
    public record Tensor(DType dtype, int[] shape, double[] data) {
        public long elements() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }
    }

    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /**
     * The metadata key of the SHA-256 of all tensor bytes, written by gn4j and checked on every
     * read: a flipped bit in a weight is a data error, never a silently different model. Files
     * written elsewhere (PyTorch's, for --init) have no such key and are read as they are.
     */
    public static final String TENSORS_SHA256 = "gn4j_tensors_sha256";

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<byte[]> data = new java.util.ArrayList<>();
        java.security.MessageDigest sha = Sha256.digest();
        for (Tensor t : tensors.values()) {
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(t.elements() * t.dtype().bytes())).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : t.data()) {
                if (t.dtype() == DType.F64) {
                    buf.putDouble(v);
                } else {
                    buf.putFloat((float) v);
                }
            }
            data.add(buf.array());
            sha.update(buf.array());
        }
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        if (metadata != null) {
            metadata.forEach(meta::put);
        }
        meta.put(TENSORS_SHA256, java.util.HexFormat.of().formatHex(sha.digest()));
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode node = header.putObject(e.getKey());
            node.put("dtype", t.dtype().safetensorsName());
            var shape = node.putArray("shape");
            for (int s : t.shape()) {
                shape.add(s);
            }
            long bytes = t.elements() * t.dtype().bytes();
            node.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        int pad = (8 - headerBytes.length % 8) % 8; // align the data like the reference writer
        byte[] padded = new byte[headerBytes.length + pad];
        System.arraycopy(headerBytes, 0, padded, 0, headerBytes.length);
        java.util.Arrays.fill(padded, headerBytes.length, padded.length, (byte) ' ');
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded.length);
            out.write(len.array());
            out.write(padded);
            for (byte[] b : data) {
                out.write(b);
            }
        });
    }

    public static Contents read(Path file) {
        byte[] all;
        try {
            // Not a device, pipe or huge file: reading /dev/zero or 3 GB into memory would never end well.
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new DataException("'" + file + "' is not a regular file, so not a safetensors file");
            }
            if (Files.exists(file) && Files.size(file) > Integer.MAX_VALUE - 8L) {
                throw new DataException(String.format(java.util.Locale.ROOT, "'%s' is %,d bytes, more than a gn4j model or "
                        + "checkpoint can hold (%,d)", file, Files.size(file), Integer.MAX_VALUE - 8L));
            }
            // The bytes, then each tensor as doubles: at most twice their float32 bytes.
            if (Files.exists(file)) {
                HeapBudget.require(HeapBudget.saturatingProduct(Files.size(file), 3), String.format(java.util.Locale.ROOT,
                        "reading %s (%s)", file, HeapBudget.size(Files.size(file))), "use a smaller model");
            }
            all = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException("checkpoint '" + file + "' does not exist");
        } catch (IOException e) {
            throw new DataException("cannot read checkpoint '" + file + "': " + e.getMessage(), e);
        }
        if (all.length < 8) {
            throw new DataException("'" + file + "' is not a safetensors file (" + all.length + " bytes)");
        }
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = bb.getLong(0);
        if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > all.length) {
            throw new DataException("'" + file + "' is not a safetensors file (header length " + headerLen + ")");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(all, 8, (int) headerLen, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DataException("'" + file + "' has a malformed safetensors header: " + e.getMessage(), e);
        }
        long dataStart = 8 + headerLen;
        List<long[]> spans = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode node = e.getValue();
            String dt = node.path("dtype").asText();
            DType dtype = switch (dt) {
                case "F32" -> DType.F32;
                case "F64" -> DType.F64;
                default -> throw new DataException("'" + file + "' tensor '" + e.getKey() + "' has dtype " + dt
                        + "; gn4j reads F32 and F64");
            };
            JsonNode shapeNode = node.path("shape");
            int[] shape = new int[shapeNode.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToInt() || d.asInt() < 0) {
                    throw new DataException("'" + file + "' tensor '" + e.getKey() + "' has the shape " + shapeNode + ", not sizes of "
                            + "0 to 2^31-1");
                }
                shape[i] = d.asInt();
                elements = elements > (Integer.MAX_VALUE - 8L) / Math.max(1, shape[i]) ? Long.MAX_VALUE : elements * shape[i];
            }
            JsonNode offsets = node.path("data_offsets");
            long available = all.length - dataStart;
            // Checked without adding to the offsets, so values near 2^63 cannot wrap past the bounds.
            if (!offsets.path(0).canConvertToLong() || !offsets.path(1).canConvertToLong() || elements > Integer.MAX_VALUE - 8L) {
                throw new DataException("'" + file + "' tensor '" + e.getKey() + "' has offsets " + offsets + " or shape " + shapeNode
                        + " out of range");
            }
            long begin = offsets.path(0).asLong();
            long end = offsets.path(1).asLong();
            if (begin < 0 || end < begin || end > available || end - begin != elements * dtype.bytes()) {
                throw new DataException("'" + file + "' tensor '" + e.getKey() + "' has inconsistent offsets or shape (file truncated?)");
            }
            spans.add(new long[] {begin, end, spans.size()});
            names.add(e.getKey());
            double[] data = new double[(int) elements];
            int pos = (int) (dataStart + begin);
            for (int i = 0; i < data.length; i++) {
                data[i] = dtype == DType.F64 ? bb.getDouble(pos + 8 * i) : bb.getFloat(pos + 4 * i);
            }
            tensors.put(e.getKey(), new Tensor(dtype, shape, data));
        }
        spans.sort(java.util.Comparator.comparingLong(a -> a[0]));
        for (int i = 1; i < spans.size(); i++) {
            if (spans.get(i)[0] < spans.get(i - 1)[1]) {
                throw new DataException("'" + file + "' tensors '" + names.get((int) spans.get(i - 1)[2]) + "' and '"
                        + names.get((int) spans.get(i)[2]) + "' overlap in the file");
            }
        }
        String expected = metadata.get(TENSORS_SHA256);
        if (expected != null) {
            java.security.MessageDigest sha = Sha256.digest();
            sha.update(all, (int) dataStart, (int) (all.length - dataStart));
            if (!java.util.HexFormat.of().formatHex(sha.digest()).equals(expected)) {
                throw new DataException("'" + file + "' is corrupted: its tensor bytes do not match the checksum written with "
                        + "them; use an intact copy (or the run's other file: model.safetensors or checkpoint.safetensors)");
            }
        }
        return new Contents(tensors, metadata);
    }
}
