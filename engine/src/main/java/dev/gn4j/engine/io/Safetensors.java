package dev.gn4j.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
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
            for (Tensor t : tensors.values()) {
                ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(t.elements() * t.dtype().bytes())).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : t.data()) {
                    if (t.dtype() == DType.F64) {
                        buf.putDouble(v);
                    } else {
                        buf.putFloat((float) v);
                    }
                }
                out.write(buf.array());
            }
        });
    }

    public static Contents read(Path file) {
        byte[] all;
        try {
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
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asInt();
            }
            long begin = node.path("data_offsets").path(0).asLong(-1);
            long end = node.path("data_offsets").path(1).asLong(-1);
            Tensor probe = new Tensor(dtype, shape, null);
            if (begin < 0 || end < begin || dataStart + end > all.length || end - begin != probe.elements() * dtype.bytes()) {
                throw new DataException("'" + file + "' tensor '" + e.getKey() + "' has inconsistent offsets or shape (file truncated?)");
            }
            double[] data = new double[Math.toIntExact(probe.elements())];
            int pos = (int) (dataStart + begin);
            for (int i = 0; i < data.length; i++) {
                data[i] = dtype == DType.F64 ? bb.getDouble(pos + 8 * i) : bb.getFloat(pos + 4 * i);
            }
            tensors.put(e.getKey(), new Tensor(dtype, shape, data));
        }
        return new Contents(tensors, metadata);
    }
}
