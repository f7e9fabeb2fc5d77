package dev.gn4j.nativecuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA backend's {@link KernelStream}: the loaded PTX modules and every entry point of
 * {@link Kernel}, looked up once at open (a missing entry fails there, not in the middle of a
 * step), the reduction buffers, and the backend's stream that every launch goes to after
 * its arguments are checked against the kernel's signature.
 */
final class CudaKernels implements KernelStream, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CudaKernels.class);

    private final Map<KernelModule, CUmodule> modules = new EnumMap<>(KernelModule.class);
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final CUstream stream;
    private final LaunchGrid grid;
    private final HostStaging staging;
    private DeviceScratch partials;
    private DeviceScratch result;
    private CudaPointer partialsAddress;
    private CudaPointer resultAddress;

    /** {@code staging}: the backend's pinned buffer, where a reduction's result lands. */
    CudaKernels(PtxBundle bundle, int driverCudaVersion, CUstream stream, LaunchGrid grid, HostStaging staging) {
        this.stream = stream;
        this.grid = grid;
        this.staging = staging;
        try {
            for (KernelModule m : KernelModule.values()) {
                modules.put(m, loadModule(m, bundle.ptx(m), driverCudaVersion));
            }
            for (Kernel k : Kernel.values()) {
                for (String entry : k.entries()) {
                    CUfunction f = new CUfunction();
                    cuModuleGetFunction(f, modules.get(k.module()), entry);
                    functions.put(entry, f);
                }
            }
            partials = new DeviceScratch((long) grid.partials() * Double.BYTES, stream);
            result = new DeviceScratch(Double.BYTES, stream);
            partialsAddress = new CudaPointer(partials.pointer());
            resultAddress = new CudaPointer(result.pointer());
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

    @Override
    public LaunchGrid grid() {
        return grid;
    }

    /** Launches one entry of a kernel: grid × block threads on the backend's stream. */
    @Override
    public void launch(String entry, int gridBlocks, int blockThreads, KernelArgs args) {
        Kernel.requireSignature(entry, args);
        cuLaunchKernel(functions.get(entry), gridBlocks, 1, 1, blockThreads, 1, 1, 0, stream, kernelParams(args), null);
    }

    /** The kernelParams argument of cuLaunchKernel: a pointer to the array of pointers to each argument. */
    static Pointer kernelParams(KernelArgs args) {
        NativePointerObject[] params = new NativePointerObject[args.count()];
        for (int i = 0; i < params.length; i++) {
            Object v = args.value(i);
            params[i] = switch (args.letter(i)) {
                case 'p' -> Pointer.to(((CudaPointer) v).pointer());
                case 'i' -> Pointer.to(new int[] {(Integer) v});
                case 'l' -> Pointer.to(new long[] {(Long) v});
                case 'f' -> Pointer.to(new float[] {(Float) v});
                case 'd' -> Pointer.to(new double[] {(Double) v});
                default -> throw new IllegalStateException("kernel argument letter " + args.letter(i));
            };
        }
        return Pointer.to(params);
    }

    @Override
    public CudaPointer partials() {
        return partialsAddress;
    }

    @Override
    public CudaPointer result() {
        return resultAddress;
    }

    @Override
    public double readResult() {
        cuMemcpyDtoHAsync(staging.pointer(), result.pointer(), Double.BYTES, stream);
        cuStreamSynchronize(stream);
        return staging.bytes().getDouble(0);
    }

    @Override
    public void zero(DeviceMat m) {
        cuMemsetD8Async(((CudaPointer) m.address()).pointer(), (byte) 0, m.bytes(), stream);
    }

    @Override
    public void copy(DeviceMat src, DeviceMat dst) {
        cuMemcpyDtoDAsync(((CudaPointer) dst.address()).pointer(), ((CudaPointer) src.address()).pointer(), src.bytes(), stream);
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
        for (DeviceScratch d : new DeviceScratch[] {partials, result}) {
            if (d != null) {
                d.close();
            }
        }
    }
}
