package dev.gn4j.engine.backend.cpu;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The CPU backend's threads, OpenBLAS's and the Java kernels' set together (--threads).
 *
 * <p>The bytedeco preset does not map openblas_set_num_threads, and OpenBLAS reads
 * OPENBLAS_NUM_THREADS only when it loads, so this calls the symbol through JNA on the
 * libraries JavaCPP loaded. Both presets' libraries carry the soname libopenblas.so.0, and
 * the JNI wrappers bind every BLAS and LAPACKE call to the first one loaded
 * (libopenblas_nolapack.so.0; LD_DEBUG=bindings shows it), so that is the one whose count
 * is read back; the count is set on every one of them. Call before a run starts: kernels
 * already running finish on the old count.
 */
public final class CpuThreads {
    private CpuThreads() {
    }

    /** The count when none is asked for: OPENBLAS_NUM_THREADS where set (OpenBLAS's own rule), else the cores. */
    public static int defaultCount() {
        return Parallel.threadsFromEnvironment(System.getenv("OPENBLAS_NUM_THREADS"), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Uses n threads in OpenBLAS and in the Java kernels.
     *
     * @throws IllegalStateException when OpenBLAS's count cannot be set (its symbol is not there, or it reads back
     *                               otherwise), with what it reads
     */
    public static synchronized void use(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        for (NativeLibrary lib : libraries()) {
            lib.getFunction("openblas_set_num_threads").invokeVoid(new Object[] {n});
        }
        int blas = blas();
        if (blas != n) {
            throw new IllegalStateException("asked OpenBLAS for " + n + " threads and it reports " + blas);
        }
        Parallel.setThreads(n);
    }

    /** OpenBLAS's thread count, as the library that runs gn4j's BLAS and LAPACK calls reports it. */
    public static int blas() {
        Function get = libraries().get(0).getFunction("openblas_get_num_threads");
        return get.invokeInt(new Object[0]);
    }

    /** The Java kernels' thread count. */
    public static int kernels() {
        return Parallel.threads();
    }

    /** The OpenBLAS libraries JavaCPP loaded, the one the wrappers bind to first. */
    private static List<NativeLibrary> libraries() {
        Loader.load(openblas.class);
        List<NativeLibrary> out = new ArrayList<>();
        String first = null;
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().startsWith("openblas_nolapack")) {
                first = e.getValue();
            }
        }
        if (first != null) {
            out.add(NativeLibrary.getInstance(first));
        }
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().startsWith("openblas") && !e.getValue().equals(first)) {
                out.add(NativeLibrary.getInstance(e.getValue()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("JavaCPP reports no OpenBLAS library loaded: " + Loader.getLoadedLibraries().keySet());
        }
        return out;
    }
}
