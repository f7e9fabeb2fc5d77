package dev.gn4j.nativecuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.CudaException;
import jcuda.JCudaVersion;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcusolver.JCusolver;

/**
 * Asks the driver whether the CUDA backend can run: JCuda's driver binding loads, cuInit
 * succeeds, a device of compute capability 7.5 or newer exists, the PTX is in the jar, and
 * cuBLAS and cuSOLVER load (after the CUDA 13 shim loader had its turn). Only reached when
 * {@link GpuMarkers} saw signs of a driver, or when `gn4j info` / `--device gpu` asked.
 * Every failure becomes one sentence; nothing here throws.
 */
final class CudaProbe {
    private static final int LIBRARY_MAJOR = 0;
    private static final int LIBRARY_MINOR = 1;
    private static final int LIBRARY_PATCH = 2;

    private CudaProbe() {
    }

    static ProbeResult run() {
        List<String> details = new ArrayList<>();
        try {
            return probe(details);
        } catch (CudaException e) {
            return ProbeResult.unavailable("the CUDA driver failed while probing the GPU: " + e.getMessage(), details);
        } catch (LinkageError e) {
            return ProbeResult.unavailable("a CUDA library could not be loaded (" + brief(e) + ")", details);
        } catch (RuntimeException e) {
            return ProbeResult.unavailable("probing the GPU failed: " + brief(e), details);
        }
    }

    private static ProbeResult probe(List<String> details) {
        try {
            JCudaDriver.setExceptionsEnabled(true);
        } catch (LinkageError e) {
            return ProbeResult.unavailable("the NVIDIA driver library could not be loaded (" + brief(e) + ")", details);
        }
        try {
            cuInit(0);
        } catch (CudaException e) {
            return ProbeResult.unavailable(initFailure(e.getMessage()), details);
        }
        int[] count = {0};
        cuDeviceGetCount(count);
        if (count[0] == 0) {
            return ProbeResult.unavailable("no CUDA-capable GPU is visible: cuDeviceGetCount returned 0", details);
        }
        GpuDevice dev = query(0);
        details.add(dev.describe() + (count[0] > 1 ? " (of " + count[0] + " visible; gn4j uses GPU 0, CUDA_VISIBLE_DEVICES selects)" : ""));
        String release = driverRelease();
        details.add("NVIDIA driver " + (release == null ? "" : release + ", ") + "CUDA " + GpuDevice.cudaVersion(dev.driverCudaVersion()));
        if (!dev.supported()) {
            return ProbeResult.unavailable("GPU 0 (" + dev.name() + ") has compute capability " + dev.ccMajor() + "." + dev.ccMinor()
                    + " but gn4j's kernels need " + GpuDevice.MIN_CC_MAJOR + "." + GpuDevice.MIN_CC_MINOR + " or newer", details);
        }

        PtxBundle ptx;
        try {
            ptx = PtxBundle.load();
        } catch (PtxBundle.Missing e) {
            return ProbeResult.unavailable(e.getMessage(), details);
        }
        details.add("kernels: PTX from " + ptx.origin() + (ptx.buildInfo().isEmpty() ? "" : " (" + ptx.buildInfo() + ")"));

        String loading = NativeHook.prepare(details);
        if (loading != null) {
            return ProbeResult.unavailable(loading, details);
        }
        try {
            JCublas2.setExceptionsEnabled(true);
        } catch (LinkageError e) {
            return ProbeResult.unavailable("cuBLAS could not be loaded (" + brief(e) + ")", details);
        }
        try {
            JCusolver.setExceptionsEnabled(true);
        } catch (LinkageError e) {
            return ProbeResult.unavailable("cuSOLVER could not be loaded (" + brief(e) + ")", details);
        }
        details.add("JCuda " + JCudaVersion.get() + ": cuBLAS " + cublasVersion() + ", cuSOLVER " + cusolverVersion());
        return new ProbeResult(null, details, dev, ptx);
    }

    static GpuDevice query(int ordinal) {
        CUdevice device = new CUdevice();
        cuDeviceGet(device, ordinal);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        // Attributes rather than cuDeviceComputeCapability, which CUDA 12 deprecated.
        int[] major = {0};
        int[] minor = {0};
        cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        long[] memory = {0};
        cuDeviceTotalMem(memory, device);
        int[] sms = {0};
        cuDeviceGetAttribute(sms, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
        int[] driver = {0};
        cuDriverGetVersion(driver);
        return new GpuDevice(ordinal, cString(name), major[0], minor[0], memory[0], sms[0], driver[0]);
    }

    private static String initFailure(String code) {
        if ("CUDA_ERROR_NO_DEVICE".equals(code)) {
            return "no CUDA-capable GPU is visible: cuInit returned CUDA_ERROR_NO_DEVICE";
        }
        if ("CUDA_ERROR_INSUFFICIENT_DRIVER".equals(code)) {
            return "the NVIDIA driver is older than CUDA 12 needs: cuInit returned CUDA_ERROR_INSUFFICIENT_DRIVER";
        }
        return "the NVIDIA driver could not initialize: cuInit returned " + code;
    }

    private static String cublasVersion() {
        try {
            int[] v = {0};
            int[] w = {0};
            int[] p = {0};
            JCublas2.cublasGetProperty(LIBRARY_MAJOR, v);
            JCublas2.cublasGetProperty(LIBRARY_MINOR, w);
            JCublas2.cublasGetProperty(LIBRARY_PATCH, p);
            return v[0] + "." + w[0] + "." + p[0];
        } catch (CudaException | LinkageError e) {
            return "(version unknown: " + brief(e) + ")";
        }
    }

    private static String cusolverVersion() {
        try {
            int[] v = {0};
            JCusolver.cusolverGetVersion(v);
            return (v[0] / 1000) + "." + (v[0] % 1000) / 100 + "." + v[0] % 100;
        } catch (CudaException | LinkageError e) {
            return "(version unknown: " + brief(e) + ")";
        }
    }

    /** The kernel module's release ("580.65.06"), or null where /proc does not say. */
    private static String driverRelease() {
        try {
            String text = Files.readString(Path.of("/proc/driver/nvidia/version"), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("Kernel Module\\s+(\\S+)").matcher(text);
            return m.find() ? m.group(1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).strip();
    }

    /**
     * One line out of a (often multi-line, nested) loading error: the innermost message that
     * names a shared object if there is one, else the first line of the outermost message.
     */
    static String brief(Throwable t) {
        String best = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (String line : String.valueOf(c.getMessage()).split("\\R")) {
                String s = line.strip();
                if (s.contains(".so") && (s.contains("cannot open") || s.contains("undefined symbol") || s.contains("version"))) {
                    best = s;
                }
            }
        }
        if (best == null) {
            String msg = t.getMessage();
            best = msg == null ? t.getClass().getSimpleName() : msg.strip().split("\\R", 2)[0];
        }
        best = best.replaceAll("\\s+", " ")
                .replaceFirst("^(\\w+\\.)+\\w+(Error|Exception): ", "") // "java.lang.UnsatisfiedLinkError: "
                .replaceFirst("^/\\S+\\.so: ", ""); // the extracted JCuda library's temp path
        if (best.endsWith(".")) {
            best = best.substring(0, best.length() - 1);
        }
        return best.length() > 200 ? best.substring(0, 197) + "..." : best;
    }
}
