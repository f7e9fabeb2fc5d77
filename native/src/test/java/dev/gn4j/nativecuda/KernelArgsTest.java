package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gn4j.engine.backend.DType;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/** The launch-side half of the kernel ABI check, and the entry-name rules, without a GPU. */
class KernelArgsTest {

    @Test
    void argumentsRecordTheirSignature() {
        KernelArgs a = new KernelArgs().i64(10).i32(2).ptr(new CudaPointer(new CUdeviceptr())).f64(0.5).scalar(DType.F32, 1).scalar(DType.F64, 1);
        assertEquals("lipdfd", a.signature());
        KernelArgs many = new KernelArgs();
        for (int i = 0; i < 20; i++) {
            many.i32(i);
        }
        assertEquals("i".repeat(20), many.signature());
    }

    @Test
    void launchersMatchTheirKernelsSignatures() {
        // The argument lists CudaBackend builds, letter by letter, for a few representative kernels.
        assertEquals(Kernel.ADAM_UPDATE.signature("adam_update_f32"), "lpppp" + "d".repeat(7));
        assertEquals(Kernel.GRAM_ACCUMULATE.signature("gram_accumulate_f32_f64"), "iiippp");
        assertEquals(Kernel.COLUMN_SUMS.signature("column_sums_f64"), "iiddpp");
    }

    @Test
    void entriesFollowTheDtypes() {
        assertEquals("activation_forward_f32", Kernel.ACTIVATION_FORWARD.entry(DType.F32));
        assertEquals("gram_accumulate_f64", Kernel.GRAM_ACCUMULATE.entry(DType.F64, DType.F64));
        assertEquals("gram_accumulate_f32_f64", Kernel.GRAM_ACCUMULATE.entry(DType.F32, DType.F64));
        assertEquals("convert_f64_f32", Kernel.CONVERT.entry(DType.F64, DType.F32));
        assertEquals("sum_partials", Kernel.SUM_PARTIALS.entry());
        assertThrows(UnsupportedOperationException.class, () -> Kernel.DOT.entry(DType.F64, DType.F32));
        assertThrows(UnsupportedOperationException.class, () -> Kernel.CONVERT.entry(DType.F32));
    }

    @Test
    void gridSizesCoverTheWorkWithinThePartialsBuffer() {
        LaunchGrid h200 = LaunchGrid.forMultiprocessors(132);
        assertEquals(1, h200.reductionBlocks(1));
        assertEquals(1, h200.reductionBlocks(LaunchGrid.THREADS));
        assertEquals(2, h200.reductionBlocks(LaunchGrid.THREADS + 1));
        assertEquals(LaunchGrid.PARTIALS, h200.reductionBlocks(Long.MAX_VALUE / 2));
        assertEquals(132 * 32, h200.blocks(Long.MAX_VALUE / 2));
        assertEquals(1, h200.blocks(0));
        LaunchGrid small = new LaunchGrid(256, 3, 5, 1024);
        assertEquals(3, small.blocks(4099));
        assertEquals(5, small.reductionBlocks(4099));
        assertThrows(IllegalArgumentException.class, () -> new LaunchGrid(100, 3, 5, 1024));
    }

    @Test
    void aLaunchWhoseArgumentsDisagreeWithTheKernelIsRefused() {
        Kernel.requireSignature("fill_f32", new KernelArgs().i64(4).ptr(new CudaPointer(new CUdeviceptr())).scalar(DType.F32, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Kernel.requireSignature("fill_f64", new KernelArgs().i32(4).ptr(new CudaPointer(new CUdeviceptr())).f64(1)));
        assertEquals("kernel fill_f64 expects parameters (lpd) but the launcher passed (ipd)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Kernel.requireSignature("no_such_kernel", new KernelArgs()));
    }
}
