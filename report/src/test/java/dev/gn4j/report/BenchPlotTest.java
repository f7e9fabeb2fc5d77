package dev.gn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.DeviceUnavailable;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import dev.gn4j.bench.Bench;
import dev.gn4j.bench.BenchOptions;
import dev.gn4j.bench.BenchResults;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.model.Loss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench.png from a tiny real benchmark on the CPU. */
class BenchPlotTest {
    @TempDir
    Path dir;

    @Test
    void oneLinePerDeviceOptimizerDtypeAndGramModeAgainstALogBatchAxis() throws IOException {
        BenchOptions opts = new BenchOptions(List.of("cpu", "gpu"), List.of("egn", "sgd"), List.of(4, 8), "8-tanh", 6, 3, Loss.CE,
                List.of(DType.F64), List.of(GramMode.FACTORED, GramMode.EXPLICIT), 4, 1, 0, 0, false, 2048, 64, 4096, 1);
        Bench.DeviceOpener noGpu = device -> {
            if (device.equals("gpu")) {
                throw new DeviceUnavailable("no GPU in this test");
            }
            return new CpuBackend();
        };
        BenchResults r = new Bench(opts, noGpu, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();

        LinePlot plot = BenchPlot.plot(r);
        assertEquals(List.of("cpu egn f64 factored", "cpu egn f64 explicit", "cpu sgd f64"),
                plot.series().stream().map(Series::name).toList());
        assertEquals(2, plot.series().get(0).size(), "batch 4 and 8");
        Pixels.requireFonts();
        assertInstanceOf(LogAxis.class, Figure.row(null, plot).draw().charts().get(0).getXYPlot().getDomainAxis());
        assertNull(BenchPlot.write(r, dir));
        assertEquals(LinePlot.DEFAULT_WIDTH, ImageIO.read(dir.resolve(BenchPlot.FILE_NAME).toFile()).getWidth());
    }

    @Test
    void severalSolversAreSeveralLines() {
        BenchOptions opts = new BenchOptions(List.of("cpu"), List.of("egn"), List.of(4, 8), "8-tanh", 6, 3, Loss.MSE,
                List.of(DType.F64), List.of(GramMode.FACTORED), 2, 0, 0, 0, false, 2048, 64, 4096, 1, null,
                List.of(SolverKind.CHOLESKY, SolverKind.CG, SolverKind.PARAM));
        BenchResults r = new Bench(opts, device -> new CpuBackend(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        LinePlot plot = BenchPlot.plot(r);
        assertEquals(List.of("cpu egn f64 cholesky", "cpu egn f64 cg", "cpu egn f64 param"),
                plot.series().stream().map(Series::name).toList());
        plot.series().forEach(s -> assertEquals(2, s.size(), s.name() + ": batch 4 and 8"));
    }

    @Test
    void nothingMeasuredIsAReasonNotAnError() {
        BenchResults empty = new BenchResults(null, null, null, Double.NaN, null, null, List.of(), List.of(), List.of(), List.of());
        assertTrue(BenchPlot.write(empty, dir).contains("nothing"));
    }
}
