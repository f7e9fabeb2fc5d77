package dev.gn4j.nativecuda;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcusolver.JCusolverDn;
import jcuda.jcusolver.cusolverDnHandle;

/**
 * Run in a child JVM by {@link PackagedShimsTest}: what the CUDA backend does at start-up (prepare, then
 * JCuda calls), printing each status. A child process, because loaded native libraries cannot be unloaded
 * and must not leak stand-ins into the test JVM.
 */
public final class ShimJvmProbe {
    private ShimJvmProbe() {
    }

    public static void main(String[] args) {
        // By name, not by class: this module's runtime must load the shims without gn4j-shimgen.
        System.out.println("generator on the class path: "
                + (ShimJvmProbe.class.getClassLoader().getResource("dev/gn4j/shimgen/ShimGenerator.class") != null));
        NativeLoadingReport report = NativeLoading.prepare();
        report.lines().forEach(System.out::println);
        System.out.println("ready " + report.ready() + " " + report.kind());
        if (!report.ready()) {
            System.exit(2);
        }
        cublasHandle blas = new cublasHandle();
        System.out.println("cublasCreate " + JCublas2.cublasCreate(blas));
        int[] version = new int[1];
        System.out.println("cublasGetVersion " + JCublas2.cublasGetVersion(blas, version) + " " + version[0]);
        System.out.println("cublasSetMathMode " + JCublas2.cublasSetMathMode(blas, 0));
        cusolverDnHandle solver = new cusolverDnHandle();
        System.out.println("cusolverDnCreate " + JCusolverDn.cusolverDnCreate(solver));
        int[] lwork = new int[1];
        System.out.println("cusolverDnSpotrf_bufferSize "
                + JCusolverDn.cusolverDnSpotrf_bufferSize(solver, 0, 4, new Pointer(), 4, lwork));
        System.out.println("cusolverDnDestroy " + JCusolverDn.cusolverDnDestroy(solver));
        JCublas2.setExceptionsEnabled(true);
        try {
            JCublas2.cublasSetMathMode(blas, 0);
            System.out.println("no exception");
        } catch (CudaException e) {
            System.out.println("exception " + e.getMessage());
        }
    }
}
