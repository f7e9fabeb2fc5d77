package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CudaLibrarySearchTest {
    private static final String TK13 = "/usr/local/cuda-13.0/lib64/";
    private static final String PIP13 = "/home/u/.local/lib/python3.12/site-packages/nvidia/cu13/lib/";

    /** A CUDA 13 library set as installed: cuBLAS needs cuBLASLt; cuSOLVER needs cuBLAS, cuSPARSE, nvJitLink. */
    private static NativeLoadingFakeHost cuda13(NativeLoadingFakeHost host, String dir) {
        return host.library(dir + "libcublasLt.so.13", "libc.so.6", "libm.so.6")
                .library(dir + "libcublas.so.13", "libcublasLt.so.13", "librt.so.1", "libc.so.6")
                .library(dir + "libcusparse.so.12", "libnvJitLink.so.13")
                .library(dir + "libnvJitLink.so.13")
                .library(dir + "libcusolver.so.12", "libcublas.so.13", "libcublasLt.so.13", "libcusparse.so.12",
                        "libnvJitLink.so.13", "libstdc++.so.6")
                .library(dir + "libcusolverMg.so.12", "libcusolver.so.12", "libcublas.so.13");
    }

    private static List<String> loaded(CudaLibraryPlan plan) {
        return plan.load().stream().map(f -> f.path().toString()).toList();
    }

    @Test
    void cuda12OnTheLinkersPathNeedsNothing() {
        NativeLoadingFakeHost host = new NativeLoadingFakeHost()
                .ldconfig("/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/local/cuda-12.6/lib64/libcublas.so.12",
                        "/usr/local/cuda-12.6/lib64/libcusolver.so.11");
        cuda13(host, TK13);
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA12_SYSTEM, plan.kind());
        assertTrue(plan.load().isEmpty());
        assertEquals("CUDA 12: libcublas.so.12 is on the dynamic linker's path (ldconfig -p: /usr/local/cuda-12.6/lib64);"
                + " JCuda loads it as built", plan.reason());
    }

    @Test
    void cuda12OnLdLibraryPathNeedsNothingAndSaysWhenCusolverIsMissing() {
        NativeLoadingFakeHost host = new NativeLoadingFakeHost().env("LD_LIBRARY_PATH", "/opt/c12/lib:")
                .file("/opt/c12/lib/libcublas.so.12");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA12_SYSTEM, plan.kind());
        assertTrue(plan.reason().contains("(LD_LIBRARY_PATH: /opt/c12/lib)"), plan.reason());
        assertTrue(plan.reason().endsWith("libcusolver.so.11 is not on that path, so cuSOLVER will not load"), plan.reason());
    }

    @Test
    void onlyCuda13InTheToolkitFolderIsLoadedDependenciesFirstThenShimmed() {
        NativeLoadingFakeHost host = cuda13(new NativeLoadingFakeHost(), TK13)
                .file("/usr/local/cuda-12.4/lib64/libcudart.so.12");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA13_SHIMS, plan.kind());
        assertEquals(List.of(TK13 + "libcublasLt.so.13", TK13 + "libcublas.so.13", TK13 + "libnvJitLink.so.13",
                TK13 + "libcusparse.so.12", TK13 + "libcusolver.so.12", TK13 + "libcusolverMg.so.12"), loaded(plan));
        assertEquals("CUDA 13 libraries from /usr/local/cuda-13.0/lib64 (CUDA toolkit); JCuda 12.6 reaches them"
                + " through gn4j's CUDA 13 shims", plan.reason());
        assertTrue(plan.leftToLinker().isEmpty(), "libc, libm, librt, libstdc++ are the system's: " + plan.leftToLinker());
    }

    @Test
    void toolkitFoldersAreSearchedNewestFirst() {
        List<CudaLibraryLocation> locs = CudaLibrarySearch.locations(new NativeLoadingFakeHost()
                .file("/usr/local/cuda-12.4/lib64/x", "/usr/local/cuda-13.0/lib64/x", "/usr/local/cuda-12.10/lib64/x",
                        "/usr/local/other/lib64/x"));
        List<String> toolkit = locs.stream().filter(l -> l.via().equals("CUDA toolkit")).map(l -> l.dir().toString()).toList();
        assertEquals(List.of("/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
                "/usr/local/cuda-13.0/lib64", "/usr/local/cuda-13.0/targets/x86_64-linux/lib",
                "/usr/local/cuda-12.10/lib64", "/usr/local/cuda-12.10/targets/x86_64-linux/lib",
                "/usr/local/cuda-12.4/lib64", "/usr/local/cuda-12.4/targets/x86_64-linux/lib"), toolkit);
    }

    @Test
    void theExplicitDirectoryComesBeforeEverythingElseEvenCuda12OnTheLinkersPath() {
        NativeLoadingFakeHost host = cuda13(new NativeLoadingFakeHost(), "/data/cuda13/lib64/")
                .env("GN4J_CUDA_LIB_DIR", "/data/cuda13")
                .ldconfig("/usr/lib/x86_64-linux-gnu/libcublas.so.12", "/usr/lib/x86_64-linux-gnu/libcusolver.so.11");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA13_SHIMS, plan.kind());
        assertTrue(plan.reason().startsWith("CUDA 13 libraries from /data/cuda13/lib64 (GN4J_CUDA_LIB_DIR)"), plan.reason());
        assertEquals("/data/cuda13/lib64/libcublasLt.so.13", loaded(plan).get(0));
        assertEquals("GN4J_CUDA_LIB_DIR", plan.load().get(0).via());
    }

    @Test
    void theSystemPropertyComesBeforeTheEnvironmentVariable() {
        NativeLoadingFakeHost host = cuda13(new NativeLoadingFakeHost(), "/a/")
                .property("gn4j.cuda.lib.dir", "/a").env("GN4J_CUDA_LIB_DIR", "/b")
                .file("/b/libcublas.so.12", "/b/libcublasLt.so.12", "/b/libcusolver.so.11");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA13_SHIMS, plan.kind());
        assertEquals("-Dgn4j.cuda.lib.dir", plan.load().get(0).via());
    }

    @Test
    void cuda12OffTheLinkersPathIsPreloadedFromPipsPerLibraryFolders() {
        String site = "/venv/lib/python3.11/site-packages/nvidia/";
        NativeLoadingFakeHost host = new NativeLoadingFakeHost().env("VIRTUAL_ENV", "/venv")
                .library(site + "cublas/lib/libcublasLt.so.12")
                .library(site + "cublas/lib/libcublas.so.12", "libcublasLt.so.12")
                .library(site + "nvjitlink/lib/libnvJitLink.so.12")
                .library(site + "cusparse/lib/libcusparse.so.12", "libnvJitLink.so.12")
                .library(site + "cusolver/lib/libcusolver.so.11", "libcublas.so.12", "libcusparse.so.12", "libnvJitLink.so.12")
                .library(site + "cusolver/lib/libcusolverMg.so.11", "libcusolver.so.11");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA12_PRELOAD, plan.kind());
        assertEquals(List.of(site + "cublas/lib/libcublasLt.so.12", site + "cublas/lib/libcublas.so.12",
                site + "nvjitlink/lib/libnvJitLink.so.12", site + "cusparse/lib/libcusparse.so.12",
                site + "cusolver/lib/libcusolver.so.11", site + "cusolver/lib/libcusolverMg.so.11"), loaded(plan));
        assertTrue(plan.reason().contains("(Python site-packages), off the dynamic linker's path"), plan.reason());
    }

    @Test
    void theCuda13WheelLayoutInUserSitePackagesIsFound() {
        NativeLoadingFakeHost host = cuda13(new NativeLoadingFakeHost().env("HOME", "/home/u"), PIP13);
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA13_SHIMS, plan.kind());
        assertEquals(PIP13 + "libcublasLt.so.13", loaded(plan).get(0));
        assertEquals("Python site-packages", plan.load().get(0).via());
    }

    @Test
    void aDependencyIsTakenFromBesideItsDependentBeforeAnEarlierFolderWithTheSameSoname() {
        // libcusparse.so.12 is the soname in CUDA 12 and in CUDA 13: the CUDA 12 copy on LD_LIBRARY_PATH must
        // not be paired with CUDA 13's cuSOLVER.
        NativeLoadingFakeHost host = cuda13(new NativeLoadingFakeHost(), TK13)
                .env("LD_LIBRARY_PATH", "/opt/c12").file("/opt/c12/libcusparse.so.12");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertTrue(loaded(plan).contains(TK13 + "libcusparse.so.12"), loaded(plan).toString());
        assertFalse(loaded(plan).contains("/opt/c12/libcusparse.so.12"));
    }

    @Test
    void unfoundCudaDependenciesAreLeftToTheLinkerAndListed() {
        NativeLoadingFakeHost host = new NativeLoadingFakeHost()
                .library(TK13 + "libcublasLt.so.13").library(TK13 + "libcublas.so.13", "libcublasLt.so.13")
                .library(TK13 + "libcusolver.so.12", "libcublas.so.13", "libnvJitLink.so.13", "libcuda.so.1");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.CUDA13_SHIMS, plan.kind());
        assertEquals(List.of("libnvJitLink.so.13"), plan.leftToLinker(), "the driver's libcuda.so.1 is never searched");
        assertEquals(3, plan.load().size(), "libcusolverMg.so.12 is optional");
    }

    @Test
    void cuda13WithoutCusolverIsNotUsable() {
        NativeLoadingFakeHost host = new NativeLoadingFakeHost().library(TK13 + "libcublasLt.so.13")
                .library(TK13 + "libcublas.so.13", "libcublasLt.so.13");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.NOT_FOUND, plan.kind());
        assertEquals("CUDA 13 libraries from /usr/local/cuda-13.0/lib64 (CUDA toolkit), but no libcusolver.so.12 anywhere"
                + " in the search path; set GN4J_CUDA_LIB_DIR to the directory that holds it", plan.reason());
    }

    @Test
    void nothingFoundSaysWhereItLookedAndWhatToSet() {
        NativeLoadingFakeHost host = new NativeLoadingFakeHost().env("GN4J_CUDA_LIB_DIR", "/nope")
                .env("LD_LIBRARY_PATH", "/x").ldconfig("/usr/lib/x86_64-linux-gnu/libc.so.6");
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        assertEquals(CudaLibraryPlan.Kind.NOT_FOUND, plan.kind());
        assertTrue(plan.reason().startsWith("GN4J_CUDA_LIB_DIR names no directory holding libcublas.so.12 or libcublas.so.13;"
                + " no libcublas.so.12 or libcublas.so.13 in "), plan.reason());
        assertTrue(plan.reason().contains("(GN4J_CUDA_LIB_DIR, LD_LIBRARY_PATH, ldconfig -p, system default, CUDA toolkit)"),
                plan.reason());
        assertTrue(plan.reason().endsWith("set GN4J_CUDA_LIB_DIR to the directory that holds them"), plan.reason());
    }

    @Test
    void searchOrderIsExplicitThenLdLibraryPathThenLdconfigThenSystemThenToolkitThenSitePackages() {
        NativeLoadingFakeHost host = new NativeLoadingFakeHost().env("GN4J_CUDA_LIB_DIR", "/e")
                .env("LD_LIBRARY_PATH", "/l1:/l2").env("HOME", "/h")
                .ldconfig("/usr/lib/x86_64-linux-gnu/libc.so.6", "/opt/ld/libfoo.so.1")
                .file("/h/.local/lib/python3.12/site-packages/nvidia/cu13/lib/x");
        List<String> order = CudaLibrarySearch.locations(host).stream().map(l -> l.via() + " " + l.dir()).toList();
        assertEquals(List.of("GN4J_CUDA_LIB_DIR /e", "GN4J_CUDA_LIB_DIR /e/lib64", "GN4J_CUDA_LIB_DIR /e/lib",
                "GN4J_CUDA_LIB_DIR /e/targets/x86_64-linux/lib", "LD_LIBRARY_PATH /l1", "LD_LIBRARY_PATH /l2",
                "ldconfig -p /usr/lib/x86_64-linux-gnu", "ldconfig -p /opt/ld", "system default /lib/x86_64-linux-gnu",
                "system default /lib64", "system default /usr/lib64", "CUDA toolkit /usr/local/cuda/lib64",
                "CUDA toolkit /usr/local/cuda/targets/x86_64-linux/lib",
                "Python site-packages /h/.local/lib/python3.12/site-packages/nvidia/cu13/lib"), order);
        assertTrue(CudaLibrarySearch.locations(host).stream().filter(l -> l.via().startsWith("GN4J")).noneMatch(
                CudaLibraryLocation::linkerVisible), "explicit folders are preloaded, never assumed visible");
    }

    @Test
    void ldconfigOutputKeepsOnlyX8664Entries() {
        String text = """
                1234 libs found in cache `/etc/ld.so.cache'
                \tlibcublas.so.13 (libc6,x86-64) => /usr/local/cuda/lib64/libcublas.so.13
                \tlibcublas.so.12 (libc6) => /usr/lib/i386-linux-gnu/libcublas.so.12
                \tlibcublasLt.so.13 (libc6,x86-64) => /usr/local/cuda/lib64/libcublasLt.so.13
                \tlibz.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libz.so.1
                Cache generated by: ldconfig (GNU libc) stable release version 2.36
                """;
        assertEquals(List.of(Path.of("/usr/local/cuda/lib64"), Path.of("/lib/x86_64-linux-gnu")),
                CudaLibrarySearch.ldconfigDirectories(text));
        assertTrue(CudaLibrarySearch.ldconfigDirectories("").isEmpty());
    }

    @Test
    void onlyToolkitLibrariesArePreloadedNeverTheDriver() {
        assertTrue(CudaLibrarySearch.isCudaToolkitLibrary("libcublasLt.so.13"));
        assertTrue(CudaLibrarySearch.isCudaToolkitLibrary("libnvJitLink.so.13"));
        assertTrue(CudaLibrarySearch.isCudaToolkitLibrary("libcudart.so.13"));
        assertFalse(CudaLibrarySearch.isCudaToolkitLibrary("libcuda.so.1"));
        assertFalse(CudaLibrarySearch.isCudaToolkitLibrary("libnvidia-ml.so.1"));
        assertFalse(CudaLibrarySearch.isCudaToolkitLibrary("libstdc++.so.6"));
    }
}
