package dev.gn4j.nativecuda;

import java.util.Arrays;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasFillMode;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcusolver.JCusolver;
import jcuda.jcusolver.JCusolverDn;
import jcuda.jcusolver.cusolverDnHandle;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * Run in a child JVM by {@link Cuda13HostTest} on a GPU host: the real CUDA 13 cuBLAS and cuSOLVER through
 * the shims, on the two calls gn4j's step leans on hardest (a GEMM and a Cholesky), with known answers.
 */
public final class Cuda13HostProbe {
    private Cuda13HostProbe() {
    }

    public static void main(String[] args) {
        NativeLoadingReport report = NativeLoading.prepare();
        report.lines().forEach(System.out::println);
        System.out.println("ready " + report.ready() + " " + report.kind());
        if (!report.ready()) {
            System.exit(2);
        }
        JCuda.setExceptionsEnabled(true);
        JCublas2.setExceptionsEnabled(true);
        JCusolver.setExceptionsEnabled(true);

        cublasHandle blas = new cublasHandle();
        JCublas2.cublasCreate(blas);
        int[] version = new int[1];
        JCublas2.cublasGetVersion(blas, version);
        System.out.println("cublas version " + version[0]);
        // C = A * 2I with A = [1 2; 3 4] (column-major): C = [2 4; 6 8].
        Pointer a = upload(new float[] {1, 3, 2, 4});
        Pointer b = upload(new float[] {2, 0, 0, 2});
        Pointer c = upload(new float[4]);
        JCublas2.cublasSgemm(blas, cublasOperation.CUBLAS_OP_N, cublasOperation.CUBLAS_OP_N, 2, 2, 2,
                Pointer.to(new float[] {1f}), a, 2, b, 2, Pointer.to(new float[] {0f}), c, 2);
        float[] cHost = new float[4];
        JCuda.cudaMemcpy(Pointer.to(cHost), c, 16, cudaMemcpyKind.cudaMemcpyDeviceToHost);
        System.out.println("sgemm " + Arrays.toString(cHost));

        int[] solverVersion = new int[1];
        JCusolver.cusolverGetVersion(solverVersion);
        System.out.println("cusolver version " + solverVersion[0]);
        cusolverDnHandle solver = new cusolverDnHandle();
        JCusolverDn.cusolverDnCreate(solver);
        // Cholesky of [4 2; 2 3]: L = [2 0; 1 sqrt(2)].
        Pointer m = upload(new double[] {4, 2, 2, 3});
        int[] lwork = new int[1];
        JCusolverDn.cusolverDnDpotrf_bufferSize(solver, cublasFillMode.CUBLAS_FILL_MODE_LOWER, 2, m, 2, lwork);
        Pointer work = new Pointer();
        JCuda.cudaMalloc(work, Math.max(1, lwork[0]) * 8L);
        Pointer info = upload(new int[1]);
        JCusolverDn.cusolverDnDpotrf(solver, cublasFillMode.CUBLAS_FILL_MODE_LOWER, 2, m, 2, work, lwork[0], info);
        double[] l = new double[4];
        int[] infoHost = new int[1];
        JCuda.cudaMemcpy(Pointer.to(l), m, 32, cudaMemcpyKind.cudaMemcpyDeviceToHost);
        JCuda.cudaMemcpy(Pointer.to(infoHost), info, 4, cudaMemcpyKind.cudaMemcpyDeviceToHost);
        System.out.println("dpotrf info " + infoHost[0] + " L " + l[0] + " " + l[1] + " " + l[3]);
        JCusolverDn.cusolverDnDestroy(solver);
        JCublas2.cublasDestroy(blas);
        System.out.println("done");
    }

    private static Pointer upload(float[] host) {
        Pointer d = new Pointer();
        JCuda.cudaMalloc(d, host.length * 4L);
        JCuda.cudaMemcpy(d, Pointer.to(host), host.length * 4L, cudaMemcpyKind.cudaMemcpyHostToDevice);
        return d;
    }

    private static Pointer upload(double[] host) {
        Pointer d = new Pointer();
        JCuda.cudaMalloc(d, host.length * 8L);
        JCuda.cudaMemcpy(d, Pointer.to(host), host.length * 8L, cudaMemcpyKind.cudaMemcpyHostToDevice);
        return d;
    }

    private static Pointer upload(int[] host) {
        Pointer d = new Pointer();
        JCuda.cudaMalloc(d, host.length * 4L);
        JCuda.cudaMemcpy(d, Pointer.to(host), host.length * 4L, cudaMemcpyKind.cudaMemcpyHostToDevice);
        return d;
    }
}
