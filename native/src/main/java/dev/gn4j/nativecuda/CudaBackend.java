package dev.gn4j.nativecuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.jcublas.cublasFillMode.CUBLAS_FILL_MODE_LOWER;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;

import static dev.gn4j.engine.backend.Shapes.requireSame;
import static dev.gn4j.engine.backend.Shapes.requireSize;
import static dev.gn4j.engine.backend.Shapes.requireSquare;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.DeviceUnavailable;
import dev.gn4j.engine.backend.GemmShape;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.Shapes;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasMath;
import jcuda.jcusolver.JCusolver;
import jcuda.jcusolver.JCusolverDn;
import jcuda.jcusolver.cusolverDnHandle;
import jcuda.runtime.cudaStream_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA backend: device-resident column-major matrices, cuBLAS for GEMM/SYRK/AXPY/SCAL/DOT,
 * cuSOLVER for Cholesky and LU, and the PTX kernels of kernels/*.cu for everything else. Each
 * kernel's CPU twin is the same-named method of CpuBackend; the gpu-tagged tests compare them.
 *
 * <p><b>Threading.</b> One owning thread: the thread that opened the backend. CUDA's current
 * context is per thread, and cuBLAS/cuSOLVER handles must not be used concurrently, so every
 * public method checks that it runs on the owner (one field compare) and throws otherwise.
 * This is cheaper than handing each call to an executor thread: a step makes hundreds of
 * calls, and a thread hand-off costs tens of microseconds each. Open one backend per thread.
 *
 * <p><b>Stream.</b> The device's primary context and one stream, shared by the kernels
 * (cuLaunchKernel), cuBLAS (cublasSetStream) and cuSOLVER (cusolverDnSetStream), so work is
 * ordered without events. The host waits only where a value must come back: downloads,
 * scalar results (losses, dots, traces, counts) and Cholesky/LU info.
 *
 * <p><b>Memory.</b> Matrices are cuMemAlloc allocations (never managed memory); views are
 * pointer offsets. Workspaces (cuSOLVER, pivots, reduction partials, pinned staging) are
 * allocated once and only grow, so a step of a shape seen before allocates nothing.
 * Unreachable matrices are freed by the owner at its next allocation; close() frees the rest.
 *
 * <p><b>Precision.</b> cuBLAS runs in its default math mode (no TF32), so float32 GEMMs are
 * IEEE float like OpenBLAS. Kernels accumulate sums in double for both dtypes, like the CPU
 * twins; dot and sumSquares of float32 use a double-accumulating kernel for the same reason.
 */
public final class CudaBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(CudaBackend.class);
    private static final Cleaner CLEANER = Cleaner.create();

    private final Thread owner;
    private final GpuDevice gpu;
    private final LaunchGrid grid;
    private CUdevice device;
    private boolean contextRetained;
    private CUstream stream;
    private cudaStream_t libraryStream;
    private cublasHandle blas;
    private cusolverDnHandle solver;
    private CudaKernels kernels;
    private HostStaging staging;
    private DeviceScratch devInfo;
    private DeviceScratch solverWork;
    private DeviceScratch pivots;
    private final ConvRowsScratch convScratch = new ConvRowsScratch();
    /** Live matrix allocations and their sizes (identity: JCuda pointers have no value equality). */
    private final Map<CUdeviceptr, Long> live = new IdentityHashMap<>();
    private final Queue<CUdeviceptr> released = new ConcurrentLinkedQueue<>();
    private long liveBytes;
    private long allocations;
    private boolean closed;

    private CudaBackend(GpuDevice gpu) {
        this.owner = Thread.currentThread();
        this.gpu = gpu;
        this.grid = LaunchGrid.forMultiprocessors(gpu.multiprocessors());
    }

    /** Opens GPU {@code gpu.ordinal()} on the calling thread, which becomes the owner. */
    static CudaBackend open(GpuDevice gpu, PtxBundle ptx) {
        CudaBackend be = new CudaBackend(gpu);
        try {
            be.init(ptx);
            return be;
        } catch (CudaException | LinkageError e) {
            be.releaseAll();
            throw new DeviceUnavailable("the GPU could not be opened: " + CudaProbe.brief(e));
        } catch (RuntimeException e) {
            be.releaseAll();
            throw e;
        }
    }

    private void init(PtxBundle ptx) {
        JCudaDriver.setExceptionsEnabled(true);
        JCublas2.setExceptionsEnabled(true);
        JCusolver.setExceptionsEnabled(true);
        cuInit(0);
        device = new CUdevice();
        cuDeviceGet(device, gpu.ordinal());
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        contextRetained = true;
        cuCtxSetCurrent(context);
        stream = new CUstream();
        cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT);
        libraryStream = new cudaStream_t(stream);
        staging = new HostStaging();
        staging.ensure(1 << 20);
        kernels = new CudaKernels(ptx, gpu.driverCudaVersion(), stream, grid, staging);
        blas = new cublasHandle();
        JCublas2.cublasCreate(blas);
        JCublas2.cublasSetStream(blas, libraryStream);
        // Explicitly IEEE: no TF32 tensor-core rounding in float32 GEMM/SYRK, as on the CPU backend.
        JCublas2.cublasSetMathMode(blas, cublasMath.CUBLAS_DEFAULT_MATH);
        solver = new cusolverDnHandle();
        JCusolverDn.cusolverDnCreate(solver);
        JCusolverDn.cusolverDnSetStream(solver, libraryStream);
        devInfo = new DeviceScratch(Integer.BYTES, stream);
        solverWork = new DeviceScratch(1 << 20, stream);
        pivots = new DeviceScratch(4096, stream);
        LOG.info("CUDA backend on {}", gpu.describe());
    }

    @Override
    public String name() {
        return "gpu";
    }

    /** The device this backend runs on, for logs and run provenance. */
    @Override
    public String description() {
        return gpu.describe() + ", driver CUDA " + GpuDevice.cudaVersion(gpu.driverCudaVersion());
    }

    /** Waits for the stream that kernels, cuBLAS and cuSOLVER share (phase timing in gn4j bench). */
    @Override
    public void synchronize() {
        enter();
        cuStreamSynchronize(stream);
    }

    // ---- threading and bookkeeping ----

    private void enter() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the CUDA backend belongs to thread '" + owner.getName() + "' and was called from '"
                    + Thread.currentThread().getName() + "'; open one backend per thread");
        }
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
    }

    private CudaMat mat(Mat m) {
        if (m instanceof CudaMat cm && cm.buffer().backend() == this) {
            return cm;
        }
        throw new IllegalArgumentException("the CUDA backend was given a matrix it does not own: " + m);
    }

    private int readInfo() {
        cuMemcpyDtoHAsync(staging.pointer(), devInfo.pointer(), Integer.BYTES, stream);
        cuStreamSynchronize(stream);
        return staging.bytes().getInt(0);
    }

    // ---- memory and transfers ----

    @Override
    public Mat zeros(int rows, int cols, DType dtype) {
        enter();
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("zeros: negative shape " + rows + "x" + cols);
        }
        long elements = Math.max(1, (long) rows * cols);
        long bytes = elements * dtype.bytes();
        CUdeviceptr p = allocate(bytes, rows + "x" + cols + " " + dtype);
        cuMemsetD8Async(p, (byte) 0, bytes, stream);
        DeviceBuffer buffer = new DeviceBuffer(this, p, elements, dtype);
        live.put(p, bytes);
        liveBytes += bytes;
        allocations++;
        CLEANER.register(buffer, new Release(released, p));
        return new CudaMat(buffer, 0, rows, cols);
    }

    /** Queues a pointer for the owner to free; holds no reference to the buffer it belonged to. */
    private record Release(Queue<CUdeviceptr> queue, CUdeviceptr pointer) implements Runnable {
        @Override
        public void run() {
            queue.add(pointer);
        }
    }

    private CUdeviceptr allocate(long bytes, String what) {
        freeReleased();
        CUdeviceptr p = new CUdeviceptr();
        try {
            cuMemAlloc(p, bytes);
            return p;
        } catch (CudaException e) {
            if (!String.valueOf(e.getMessage()).contains("OUT_OF_MEMORY")) {
                throw e;
            }
        }
        // Device memory is not Java heap: matrices the program dropped are only found by a GC.
        System.gc();
        try {
            Thread.sleep(100);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        freeReleased();
        try {
            cuMemAlloc(p, bytes);
            return p;
        } catch (CudaException e) {
            long[] free = {0};
            long[] total = {0};
            cuMemGetInfo(free, total);
            throw new DeviceUnavailable(String.format(Locale.ROOT,
                    "the GPU is out of memory: a %s matrix needs %.1f MiB, %.1f MiB of %.1f MiB are free; use a smaller --batch or --device cpu",
                    what, bytes / 1048576.0, free[0] / 1048576.0, total[0] / 1048576.0));
        }
    }

    private void freeReleased() {
        if (released.isEmpty()) {
            return;
        }
        cuStreamSynchronize(stream); // kernels queued before the matrix was dropped may still use it
        for (CUdeviceptr p; (p = released.poll()) != null; ) {
            Long bytes = live.remove(p);
            if (bytes != null) {
                cuMemFree(p);
                liveBytes -= bytes;
            }
        }
    }

    @Override
    public void upload(double[] src, Mat dst) {
        enter();
        CudaMat d = mat(dst);
        requireSize(dst, src.length, "upload");
        int eb = dst.dtype().bytes();
        long chunk = staging.ensure((long) src.length * eb) / eb;
        for (int start = 0; start < src.length; start += (int) chunk) {
            int len = (int) Math.min(chunk, src.length - start);
            ByteBuffer bb = staging.bytes();
            if (dst.dtype() == DType.F64) {
                bb.asDoubleBuffer().put(src, start, len);
            } else {
                FloatBuffer fb = bb.asFloatBuffer();
                for (int i = 0; i < len; i++) {
                    fb.put(i, (float) src[start + i]);
                }
            }
            cuMemcpyHtoDAsync(d.pointer().withByteOffset((long) start * eb), staging.pointer(), (long) len * eb, stream);
            cuStreamSynchronize(stream);
        }
    }

    @Override
    public double[] download(Mat src) {
        enter();
        CudaMat s = mat(src);
        double[] out = new double[Math.toIntExact(src.size())];
        int eb = src.dtype().bytes();
        long chunk = staging.ensure((long) out.length * eb) / eb;
        for (int start = 0; start < out.length; start += (int) chunk) {
            int len = (int) Math.min(chunk, out.length - start);
            cuMemcpyDtoHAsync(staging.pointer(), s.pointer().withByteOffset((long) start * eb), (long) len * eb, stream);
            cuStreamSynchronize(stream);
            ByteBuffer bb = staging.bytes();
            if (src.dtype() == DType.F64) {
                bb.asDoubleBuffer().get(out, start, len);
            } else {
                FloatBuffer fb = bb.asFloatBuffer();
                for (int i = 0; i < len; i++) {
                    out[start + i] = fb.get(i);
                }
            }
        }
        return out;
    }

    @Override
    public void copy(Mat src, Mat dst) {
        enter();
        ElementwiseLaunchers.copy(kernels, mat(src), mat(dst));
    }

    @Override
    public void fill(Mat m, double value) {
        enter();
        ElementwiseLaunchers.fill(kernels, mat(m), value);
    }

    // ---- BLAS ----

    private static Pointer hostScalar(DType t, double v) {
        return t == DType.F64 ? Pointer.to(new double[] {v}) : Pointer.to(new float[] {(float) v});
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat cm) {
        enter();
        requireSame("gemm", a, b, cm);
        GemmShape shape = GemmShape.of(transA, transB, a, b, cm);
        int m = shape.m(), n = shape.n(), k = shape.k();
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scal(beta, cm);
            return;
        }
        CudaMat A = mat(a), B = mat(b), C = mat(cm);
        int ta = transA ? CUBLAS_OP_T : CUBLAS_OP_N;
        int tb = transB ? CUBLAS_OP_T : CUBLAS_OP_N;
        int lda = Math.max(1, a.rows()), ldb = Math.max(1, b.rows()), ldc = Math.max(1, cm.rows());
        DType t = a.dtype();
        if (t == DType.F64) {
            JCublas2.cublasDgemm(blas, ta, tb, m, n, k, hostScalar(t, alpha), A.pointer(), lda, B.pointer(), ldb,
                    hostScalar(t, beta), C.pointer(), ldc);
        } else {
            JCublas2.cublasSgemm(blas, ta, tb, m, n, k, hostScalar(t, alpha), A.pointer(), lda, B.pointer(), ldb,
                    hostScalar(t, beta), C.pointer(), ldc);
        }
    }

    @Override
    public void syrk(double alpha, Mat a, double beta, Mat cm) {
        enter();
        requireSame("syrk", a, cm);
        int n = a.rows();
        int k = a.cols();
        Shapes.syrk(a, cm);
        if (n == 0) {
            return;
        }
        CudaMat A = mat(a), C = mat(cm);
        DType t = a.dtype();
        int ld = Math.max(1, n);
        if (t == DType.F64) {
            JCublas2.cublasDsyrk(blas, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, n, k, hostScalar(t, alpha), A.pointer(), ld,
                    hostScalar(t, beta), C.pointer(), ld);
        } else {
            JCublas2.cublasSsyrk(blas, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, n, k, hostScalar(t, alpha), A.pointer(), ld,
                    hostScalar(t, beta), C.pointer(), ld);
        }
    }

    @Override
    public void symv(double alpha, Mat a, Mat x, double beta, Mat y) {
        enter();
        requireSame("symv", a, x, y);
        int n = a.rows();
        Shapes.symv(a, x, y);
        if (n == 0) {
            return;
        }
        DType t = a.dtype();
        if (t == DType.F64) {
            JCublas2.cublasDsymv(blas, CUBLAS_FILL_MODE_LOWER, n, hostScalar(t, alpha), mat(a).pointer(), n,
                    mat(x).pointer(), 1, hostScalar(t, beta), mat(y).pointer(), 1);
        } else {
            JCublas2.cublasSsymv(blas, CUBLAS_FILL_MODE_LOWER, n, hostScalar(t, alpha), mat(a).pointer(), n,
                    mat(x).pointer(), 1, hostScalar(t, beta), mat(y).pointer(), 1);
        }
    }

    @Override
    public void symmetrize(Mat c) {
        enter();
        GramLaunchers.symmetrize(kernels, mat(c));
    }

    @Override
    public void axpy(double alpha, Mat x, Mat y) {
        enter();
        requireSame("axpy", x, y);
        requireSize(y, x.size(), "axpy");
        int n = Math.toIntExact(x.size());
        if (n == 0) {
            return;
        }
        DType t = x.dtype();
        if (t == DType.F64) {
            JCublas2.cublasDaxpy(blas, n, hostScalar(t, alpha), mat(x).pointer(), 1, mat(y).pointer(), 1);
        } else {
            JCublas2.cublasSaxpy(blas, n, hostScalar(t, alpha), mat(x).pointer(), 1, mat(y).pointer(), 1);
        }
    }

    @Override
    public void scal(double alpha, Mat x) {
        enter();
        int n = Math.toIntExact(x.size());
        if (n == 0) {
            return;
        }
        if (alpha == 0) {
            fill(x, 0); // BLAS scal by 0 keeps NaN; a fresh start must not (as on the CPU).
            return;
        }
        DType t = x.dtype();
        if (t == DType.F64) {
            JCublas2.cublasDscal(blas, n, hostScalar(t, alpha), mat(x).pointer(), 1);
        } else {
            JCublas2.cublasSscal(blas, n, hostScalar(t, alpha), mat(x).pointer(), 1);
        }
    }

    @Override
    public double dot(Mat x, Mat y) {
        enter();
        requireSize(y, x.size(), "dot");
        long n = x.size();
        if (n == 0) {
            return 0;
        }
        CudaMat X = mat(x), Y = mat(y);
        if (x.dtype() == DType.F64 && y.dtype() == DType.F64) {
            double[] result = {0};
            JCublas2.cublasDdot(blas, Math.toIntExact(n), X.pointer(), 1, Y.pointer(), 1, Pointer.to(result));
            return result[0];
        }
        // float32 or mixed: accumulate in double, as the CPU twin does (cublasSdot would sum in float).
        return ElementwiseLaunchers.dot(kernels, X, Y);
    }

    @Override
    public double sumSquares(Mat x) {
        return dot(x, x);
    }

    // ---- elementwise and structured kernels: the launchers of each kernels/*.cu file ----

    @Override
    public void activation(Activation f, Mat z, Mat a) {
        enter();
        ActivationLaunchers.forward(kernels, f, mat(z), mat(a));
    }

    @Override
    public void activationGrad(Activation f, Mat z, Mat a, Mat g, int rps, Mat out) {
        enter();
        ActivationLaunchers.backward(kernels, f, mat(z), mat(a), mat(g), rps, mat(out));
    }

    @Override
    public void addBias(Mat m, Mat bias) {
        enter();
        ElementwiseLaunchers.addBias(kernels, mat(m), mat(bias));
    }

    @Override
    public void columnSums(double alpha, Mat m, double beta, Mat out) {
        enter();
        ElementwiseLaunchers.columnSums(kernels, alpha, mat(m), beta, mat(out));
    }

    @Override
    public double mseResidual(Mat f, Mat y, Mat g) {
        enter();
        return LossLaunchers.mseResidual(kernels, mat(f), mat(y), mat(g));
    }

    @Override
    public double softmaxCrossEntropy(Mat f, Mat labels, Mat p, Mat g) {
        enter();
        return LossLaunchers.softmaxCrossEntropy(kernels, mat(f), mat(labels), mat(p), mat(g));
    }

    @Override
    public long countCorrect(Mat f, Mat labels) {
        enter();
        return LossLaunchers.countCorrect(kernels, mat(f), mat(labels));
    }

    @Override
    public void softmaxQFactor(Mat p, Mat out) {
        enter();
        LossLaunchers.softmaxQFactor(kernels, mat(p), mat(out));
    }

    @Override
    public void identityRows(Mat out) {
        enter();
        GramLaunchers.identityRows(kernels, mat(out));
    }

    @Override
    public void sampleCategorical(Mat p, Mat uniforms, Mat labelsOut) {
        enter();
        LossLaunchers.sampleCategorical(kernels, mat(p), mat(uniforms), mat(labelsOut));
    }

    @Override
    public void gramAccumulate(Mat s2, Mat aa, int rps, Mat k) {
        enter();
        GramLaunchers.gramAccumulate(kernels, mat(s2), mat(aa), rps, mat(k));
    }

    @Override
    public void contractRows(Mat seed, Mat v, int rps, Mat out) {
        enter();
        GramLaunchers.contractRows(kernels, mat(seed), mat(v), rps, mat(out));
    }

    @Override
    public void rowDot(Mat seed, Mat x, int rps, Mat out) {
        enter();
        GramLaunchers.rowDot(kernels, mat(seed), mat(x), rps, mat(out));
    }

    @Override
    public void outerRows(Mat g, Mat a, int rps, Mat out) {
        enter();
        GramLaunchers.outerRows(kernels, mat(g), mat(a), rps, mat(out));
    }

    @Override
    public void im2col(ConvShape shape, Mat patches, Mat a) {
        enter();
        ConvLaunchers.im2col(kernels, shape, mat(patches), mat(a));
    }

    @Override
    public void col2im(ConvShape shape, Mat patches, Mat a) {
        enter();
        ConvLaunchers.col2im(kernels, shape, mat(patches), mat(a));
    }

    @Override
    public void convRows(Mat g, Mat patches, int rps, Mat out) {
        enter();
        Shapes.convRows(g, patches, rps, out);
        int cout = out.cols() / (patches.cols() + 1), positions = g.rows() == 0 ? 0 : g.cols() / cout;
        DType t = g.dtype();
        Mat bySample = convScratch.bySample(this, patches.rows(), patches.cols(), t);
        Mat ones = convScratch.ones(this, positions, t);
        ConvLaunchers.convRows(kernels, mat(g), mat(patches), rps, mat(out), mat(bySample), mat(ones), this::gemmStridedBatched);
    }

    /** cublas?gemmStridedBatched, no transposes, α = 1, β = 0: the {@link StridedBatchedGemm} of the launchers. */
    private void gemmStridedBatched(int m, int n, int k, DeviceMat a, int lda, long strideA, DeviceMat b, int ldb, long strideB,
            DeviceMat c, int ldc, long strideC, int batch) {
        DType t = a.dtype();
        Pointer one = hostScalar(t, 1), zero = hostScalar(t, 0);
        if (t == DType.F64) {
            JCublas2.cublasDgemmStridedBatched(blas, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, one, mat(a).pointer(), lda, strideA,
                    mat(b).pointer(), ldb, strideB, zero, mat(c).pointer(), ldc, strideC, batch);
        } else {
            JCublas2.cublasSgemmStridedBatched(blas, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, one, mat(a).pointer(), lda, strideA,
                    mat(b).pointer(), ldb, strideB, zero, mat(c).pointer(), ldc, strideC, batch);
        }
    }

    @Override
    public void maxPool(ConvShape window, Mat a, Mat out) {
        enter();
        ConvLaunchers.maxPool(kernels, window, mat(a), mat(out));
    }

    @Override
    public void maxPoolBackward(ConvShape window, Mat a, Mat g, int rps, Mat below) {
        enter();
        ConvLaunchers.maxPoolBackward(kernels, window, mat(a), mat(g), rps, mat(below));
    }

    @Override
    public void maxPoolTangent(ConvShape window, Mat a, Mat da, Mat dz) {
        enter();
        ConvLaunchers.maxPoolTangent(kernels, window, mat(a), mat(da), mat(dz));
    }

    @Override
    public void avgPool(ConvShape window, Mat a, Mat out) {
        enter();
        ConvLaunchers.avgPool(kernels, window, mat(a), mat(out));
    }

    @Override
    public void avgPoolBackward(ConvShape window, Mat g, Mat below) {
        enter();
        ConvLaunchers.avgPoolBackward(kernels, window, mat(g), mat(below));
    }

    @Override
    public void avgPoolTangent(ConvShape window, Mat da, Mat dz) {
        enter();
        ConvLaunchers.avgPoolTangent(kernels, window, mat(da), mat(dz));
    }

    @Override
    public void adamUpdate(Mat param, Mat grad, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long t) {
        enter();
        OptimLaunchers.adamUpdate(kernels, mat(param), mat(grad), mat(m), mat(v), lr, beta1, beta2, eps, weightDecay, t);
    }

    // ---- dense linear algebra ----

    @Override
    public void addDiagonal(Mat a, double value) {
        enter();
        ElementwiseLaunchers.addDiagonal(kernels, mat(a), value);
    }

    @Override
    public double trace(Mat a) {
        enter();
        return ElementwiseLaunchers.trace(kernels, mat(a));
    }

    /**
     * cusolverDn{S,D}potrf on the lower triangle. A matrix that is not positive definite is
     * not an error: devInfo (the order of the failing minor) is copied back and returned,
     * and SpdSolver takes its fallbacks from it.
     */
    @Override
    public int cholesky(Mat a) {
        enter();
        requireSquare(a, "cholesky");
        int n = a.rows();
        if (n == 0) {
            return 0;
        }
        CudaMat A = mat(a);
        int lda = Math.max(1, n);
        int[] lwork = {0};
        if (a.dtype() == DType.F64) {
            JCusolverDn.cusolverDnDpotrf_bufferSize(solver, CUBLAS_FILL_MODE_LOWER, n, A.pointer(), lda, lwork);
            CUdeviceptr work = solverWork.ensure((long) lwork[0] * Double.BYTES);
            JCusolverDn.cusolverDnDpotrf(solver, CUBLAS_FILL_MODE_LOWER, n, A.pointer(), lda, work, lwork[0], devInfo.pointer());
        } else {
            JCusolverDn.cusolverDnSpotrf_bufferSize(solver, CUBLAS_FILL_MODE_LOWER, n, A.pointer(), lda, lwork);
            CUdeviceptr work = solverWork.ensure((long) lwork[0] * Float.BYTES);
            JCusolverDn.cusolverDnSpotrf(solver, CUBLAS_FILL_MODE_LOWER, n, A.pointer(), lda, work, lwork[0], devInfo.pointer());
        }
        return readInfo();
    }

    /**
     * cusolverDn{S,D}potrs with the factor of {@link #cholesky}. Its devInfo only reports an
     * invalid argument, which cuSOLVER also returns as a status (an exception here), so it is
     * not copied back: the solve stays free of a host round trip.
     */
    @Override
    public void choleskySolve(Mat factor, Mat b) {
        enter();
        requireSame("choleskySolve", factor, b);
        int n = factor.rows();
        Shapes.solve("choleskySolve", factor, b);
        if (n == 0 || b.cols() == 0) {
            return;
        }
        int ld = Math.max(1, n);
        if (factor.dtype() == DType.F64) {
            JCusolverDn.cusolverDnDpotrs(solver, CUBLAS_FILL_MODE_LOWER, n, b.cols(), mat(factor).pointer(), ld, mat(b).pointer(), ld,
                    devInfo.pointer());
        } else {
            JCusolverDn.cusolverDnSpotrs(solver, CUBLAS_FILL_MODE_LOWER, n, b.cols(), mat(factor).pointer(), ld, mat(b).pointer(), ld,
                    devInfo.pointer());
        }
    }

    /** {S,D}getrf then {S,D}getrs; returns getrf's devInfo (> 0: exactly singular, b untouched), like LAPACK's gesv. */
    @Override
    public int luSolve(Mat a, Mat b) {
        enter();
        requireSame("luSolve", a, b);
        int n = a.rows();
        Shapes.solve("luSolve", a, b);
        if (n == 0) {
            return 0;
        }
        CudaMat A = mat(a), B = mat(b);
        int ld = Math.max(1, n);
        int[] lwork = {0};
        CUdeviceptr ipiv = pivots.ensure((long) n * Integer.BYTES);
        if (a.dtype() == DType.F64) {
            JCusolverDn.cusolverDnDgetrf_bufferSize(solver, n, n, A.pointer(), ld, lwork);
            CUdeviceptr work = solverWork.ensure((long) lwork[0] * Double.BYTES);
            JCusolverDn.cusolverDnDgetrf(solver, n, n, A.pointer(), ld, work, ipiv, devInfo.pointer());
        } else {
            JCusolverDn.cusolverDnSgetrf_bufferSize(solver, n, n, A.pointer(), ld, lwork);
            CUdeviceptr work = solverWork.ensure((long) lwork[0] * Float.BYTES);
            JCusolverDn.cusolverDnSgetrf(solver, n, n, A.pointer(), ld, work, ipiv, devInfo.pointer());
        }
        int info = readInfo();
        if (info != 0 || b.cols() == 0) {
            return info;
        }
        if (a.dtype() == DType.F64) {
            JCusolverDn.cusolverDnDgetrs(solver, CUBLAS_OP_N, n, b.cols(), A.pointer(), ld, ipiv, B.pointer(), ld, devInfo.pointer());
        } else {
            JCusolverDn.cusolverDnSgetrs(solver, CUBLAS_OP_N, n, b.cols(), A.pointer(), ld, ipiv, B.pointer(), ld, devInfo.pointer());
        }
        return 0;
    }

    /** Matrices allocated since open: a step of a shape seen before must not add to it. */
    long allocationCount() {
        enter();
        return allocations;
    }

    /** Device memory held by live matrices (not counting workspaces), for tests and logs. */
    long liveBytes() {
        enter();
        freeReleased();
        return liveBytes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        enter();
        try {
            cuStreamSynchronize(stream);
        } catch (CudaException e) {
            LOG.warn("the GPU reported an error at close: {}", e.getMessage());
        }
        releaseAll();
    }

    /** Frees everything this backend acquired, tolerating a partial open; logs instead of throwing. */
    private void releaseAll() {
        closed = true;
        quietly(() -> {
            for (CUdeviceptr p : live.keySet()) {
                cuMemFree(p);
            }
            live.clear();
            released.clear();
            liveBytes = 0;
        });
        for (AutoCloseable c : new AutoCloseable[] {devInfo, solverWork, pivots, kernels, staging}) {
            if (c != null) {
                quietly(c::close);
            }
        }
        if (blas != null) {
            quietly(() -> JCublas2.cublasDestroy(blas));
        }
        if (solver != null) {
            quietly(() -> JCusolverDn.cusolverDnDestroy(solver));
        }
        if (stream != null) {
            quietly(() -> cuStreamDestroy(stream));
        }
        if (contextRetained) {
            quietly(() -> cuDevicePrimaryCtxRelease(device));
            contextRetained = false;
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void quietly(Action a) {
        try {
            a.run();
        } catch (Exception | LinkageError e) {
            LOG.debug("releasing a CUDA resource failed", e);
        }
    }
}
