package dev.gn4j.nativecuda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The PTX of every {@link KernelModule}, read from gn4j-native's resources. Pure Java: it
 * is read before any JCuda class is touched, so a build without kernels is reported
 * without loading CUDA.
 */
final class PtxBundle {
    private final Map<KernelModule, byte[]> ptx;
    private final String origin;
    private final String buildInfo;

    private PtxBundle(Map<KernelModule, byte[]> ptx, String origin, String buildInfo) {
        this.ptx = ptx;
        this.origin = origin;
        this.buildInfo = buildInfo;
    }

    /** Thrown when a module's PTX is not among the resources; the message is one sentence. */
    static final class Missing extends Exception {
        Missing(String message) {
            super(message);
        }
    }

    static PtxBundle load() throws Missing {
        ClassLoader cl = PtxBundle.class.getClassLoader();
        String buildInfo = read(cl, KernelModule.RESOURCE_DIR + "BUILD-INFO");
        Map<KernelModule, byte[]> ptx = new EnumMap<>(KernelModule.class);
        for (KernelModule m : KernelModule.values()) {
            byte[] bytes = readBytes(cl, m.resource());
            if (bytes == null) {
                throw new Missing(buildInfo == null
                        ? "kernels missing: built without nvcc (rebuild gn4j on a machine with the CUDA toolkit's nvcc on the PATH)"
                        : "kernels missing: " + m.resource() + " is not in gn4j-native's resources");
            }
            ptx.put(m, bytes);
        }
        URL where = cl.getResource(KernelModule.ACTIVATIONS.resource());
        return new PtxBundle(ptx, describe(where), buildInfo == null ? "" : buildInfo.strip().replace('\n', ' '));
    }

    /** The PTX text of a module, without a terminating NUL. */
    byte[] ptx(KernelModule m) {
        return ptx.get(m);
    }

    /** Where the PTX was read from: the jar or the folder. */
    String origin() {
        return origin;
    }

    /** The compiler and target recorded by kernels/build-ptx.sh, e.g. "nvcc=… release 13.0 … arch=compute_75". */
    String buildInfo() {
        return buildInfo;
    }

    private static String describe(URL url) {
        if (url == null) {
            return "?";
        }
        String s = url.toString();
        int bang = s.indexOf("!/");
        if (s.startsWith("jar:") && bang > 0) {
            return s.substring("jar:".length(), bang).replaceFirst("^file:", "");
        }
        return s.replaceFirst("^file:", "").replace(KernelModule.ACTIVATIONS.resource(), "");
    }

    private static String read(ClassLoader cl, String resource) {
        byte[] b = readBytes(cl, resource);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ClassLoader cl, String resource) {
        try (InputStream in = cl.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
