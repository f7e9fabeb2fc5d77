package dev.gn4j.shimgen;

import java.util.List;
import java.util.Optional;

/**
 * One CUDA library that JCuda 12.6's natives were linked against and its CUDA 13 successor.
 *
 * @param oldSoname          the soname (and version node) JCuda's natives require, e.g. libcublas.so.12
 * @param newSoname          the library that provides those functions on a CUDA 13 host, e.g. libcublas.so.13
 * @param notSupportedStatus what a function missing from the new library returns
 * @param statusName         that status's name in the CUDA headers
 */
public record ShimTarget(String oldSoname, String newSoname, int notSupportedStatus, String statusName) {

    /*
     * The status values are those of cublas_api.h / cusolver_common.h, cross-checked against JCuda's own
     * constants (jcuda.jcublas.cublasStatus.CUBLAS_STATUS_NOT_SUPPORTED = 15,
     * jcuda.jcusolver.cusolverStatus.CUSOLVER_STATUS_NOT_SUPPORTED = 9; 7 is CUSOLVER_STATUS_INTERNAL_ERROR).
     * cuBLAS 13 keeps the cuBLAS major in its soname; cuSOLVER 12 ships as libcusolver.so.12 and
     * libcusolverMg.so.12 in CUDA 13.
     */
    private static final List<ShimTarget> CUDA13 = List.of(
            new ShimTarget("libcublas.so.12", "libcublas.so.13", 15, "CUBLAS_STATUS_NOT_SUPPORTED"),
            new ShimTarget("libcublasLt.so.12", "libcublasLt.so.13", 15, "CUBLAS_STATUS_NOT_SUPPORTED"),
            new ShimTarget("libcusolver.so.11", "libcusolver.so.12", 9, "CUSOLVER_STATUS_NOT_SUPPORTED"),
            new ShimTarget("libcusolverMg.so.11", "libcusolverMg.so.12", 9, "CUSOLVER_STATUS_NOT_SUPPORTED"));

    /** Every CUDA 12 library gn4j knows how to forward to CUDA 13. */
    public static List<ShimTarget> cuda13() {
        return CUDA13;
    }

    public static Optional<ShimTarget> forOldSoname(String soname) {
        return CUDA13.stream().filter(t -> t.oldSoname.equals(soname)).findFirst();
    }
}
