package dev.gn4j.nativecuda;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX ISA version a driver accepts. nvcc 13 writes {@code .version 9.0}, which a CUDA 12
 * driver (older than 580) refuses with CUDA_ERROR_UNSUPPORTED_PTX_VERSION although the kernels
 * use nothing newer than PTX 8.0 (PtxResourcesTest assembles them with ptxas at ISA 8.0). So the
 * loader retries once with the
 * {@code .version} line lowered to what the driver supports. Pure Java.
 */
final class PtxVersion {
    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version\\s+(\\d+)\\.(\\d+)\\s*$");

    private PtxVersion() {
    }

    /**
     * The newest PTX ISA a driver of the given CUDA version ({@code cuDriverGetVersion}, e.g.
     * 12040) can JIT, from the PTX ISA release notes: CUDA 12.0–12.5 → 8.0–8.5, 12.6 → 8.5,
     * 12.8 → 8.7, 12.9 → 8.8, 13.0 → 9.0; CUDA 11.x → 7.x.
     */
    static String maxIsaForDriver(int cudaVersion) {
        int major = cudaVersion / 1000;
        int minor = (cudaVersion % 1000) / 10;
        if (major >= 13) {
            return "9." + minor;
        }
        if (major == 12) {
            return switch (minor) {
                case 0, 1, 2, 3, 4, 5 -> "8." + minor;
                case 6 -> "8.5";
                case 7 -> "8.6";
                case 8 -> "8.7";
                default -> "8.8";
            };
        }
        if (major == 11) {
            return "7." + Math.min(minor, 8);
        }
        return "6.0";
    }

    /** The {@code .version} of a PTX text, e.g. "9.0", or null if it has none. */
    static String declared(byte[] ptx) {
        Matcher m = VERSION.matcher(new String(ptx, StandardCharsets.US_ASCII));
        return m.find() ? m.group(1) + "." + m.group(2) : null;
    }

    /** The PTX with its {@code .version} line set to {@code isa} (only the first occurrence: there is one). */
    static byte[] withVersion(byte[] ptx, String isa) {
        String text = new String(ptx, StandardCharsets.US_ASCII);
        return VERSION.matcher(text).replaceFirst(".version " + isa).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether ISA a is older than ISA b ("8.5" < "9.0"). */
    static boolean older(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c < 0 : Integer.parseInt(x[1]) < Integer.parseInt(y[1]);
    }

    /** NUL-terminated bytes, as cuModuleLoadData reads PTX as a C string. */
    static byte[] nulTerminated(byte[] ptx) {
        byte[] out = new byte[ptx.length + 1];
        System.arraycopy(ptx, 0, out, 0, ptx.length);
        return out;
    }
}
