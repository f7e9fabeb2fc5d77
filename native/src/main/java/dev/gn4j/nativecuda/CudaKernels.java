package dev.gn4j.nativecuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded PTX modules of one backend and every entry point of {@link Kernel}, looked up
 * once at open (a missing entry fails there, not in the middle of a step). Launches go to
 * the backend's stream and are checked against the kernel's signature.
 */
final class CudaKernels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CudaKernels.class);

    private final Map<KernelModule, CUmodule> modules = new EnumMap<>(KernelModule.class);
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Map<String, String> signatures = new HashMap<>();
    private final CUstream stream;

    CudaKernels(PtxBundle bundle, int driverCudaVersion, CUstream stream) {
        this.stream = stream;
        try {
            for (KernelModule m : KernelModule.values()) {
                modules.put(m, loadModule(m, bundle.ptx(m), driverCudaVersion));
            }
            for (Kernel k : Kernel.values()) {
                for (String entry : k.entries()) {
                    CUfunction f = new CUfunction();
                    cuModuleGetFunction(f, modules.get(k.module()), entry);
                    functions.put(entry, f);
                    signatures.put(entry, k.signature(entry));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private CUmodule loadModule(KernelModule m, byte[] ptx, int driverCudaVersion) {
        CUmodule module = new CUmodule();
        try {
            cuModuleLoadData(module, PtxVersion.nulTerminated(ptx));
            return module;
        } catch (CudaException e) {
            String declared = PtxVersion.declared(ptx);
            String max = PtxVersion.maxIsaForDriver(driverCudaVersion);
            if (!String.valueOf(e.getMessage()).contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION") || declared == null
                    || !PtxVersion.older(max, declared)) {
                throw e;
            }
            // A CUDA 12 driver and PTX from nvcc 13: the kernels need nothing newer than PTX 8.0.
            LOG.info("{}.ptx: PTX ISA {} lowered to {} for this driver (CUDA {})", m.fileName(), declared, max,
                    GpuDevice.cudaVersion(driverCudaVersion));
            cuModuleLoadData(module, PtxVersion.nulTerminated(PtxVersion.withVersion(ptx, max)));
            return module;
        }
    }

    /** Launches one entry of a kernel: grid × block threads on the backend's stream. */
    void launch(String entry, int gridBlocks, int blockThreads, KernelArgs args) {
        CUfunction f = functions.get(entry);
        String expected = signatures.get(entry);
        if (f == null || !expected.equals(args.signature())) {
            throw new IllegalStateException("kernel " + entry + " expects parameters (" + expected + ") but the launcher passed ("
                    + args.signature() + ")");
        }
        cuLaunchKernel(f, gridBlocks, 1, 1, blockThreads, 1, 1, 0, stream, args.kernelParams(), null);
    }

    @Override
    public void close() {
        for (CUmodule m : modules.values()) {
            try {
                cuModuleUnload(m);
            } catch (CudaException e) {
                LOG.debug("cuModuleUnload failed", e);
            }
        }
        modules.clear();
        functions.clear();
    }
}
