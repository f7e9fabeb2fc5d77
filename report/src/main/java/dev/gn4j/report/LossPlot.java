package dev.gn4j.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * loss.png for a run: training and validation loss against step (log y when the losses span more than a
 * decade), and, when metrics.csv has accuracy columns, a second panel beside it with accuracy on 0..1. The
 * figure is titled with the run folder's name.
 */
public final class LossPlot {
    /** With this many points or fewer, every point gets a marker: few points read better as dots on a line. */
    static final int MARKERS_UP_TO = 60;
    /** Loss panels switch to a log axis when the losses span more than this (max/min). */
    static final double LOSS_LOG_RATIO = 10;

    private LossPlot() {
    }

    /**
     * Reads metricsCsv and writes the plot to png, atomically.
     *
     * @throws IOException if metrics.csv cannot be read, has no step column or no loss column, holds a cell that
     *                     is not a number, or the PNG cannot be written (or no font is installed); no file is
     *                     written then
     */
    public static void write(Path metricsCsv, Path png) throws IOException {
        figure(MetricsTable.read(metricsCsv), runName(metricsCsv)).write(png);
    }

    /** The figure for a metrics table, under the given title. */
    public static Figure figure(MetricsTable metrics, String title) throws IOException {
        LinePlot loss = panel("loss", metrics, "train_loss", "val_loss");
        if (loss == null) {
            throw new IOException("metrics have neither a train_loss nor a val_loss column (columns: "
                    + String.join(", ", metrics.columns()) + ")");
        }
        // A loss curve reads best in log once it falls by more than a decade: the late progress is what matters.
        List<double[]> losses = loss.series().stream().map(Series::y).toList();
        loss.yScale(Scale.prefersLog(losses, LOSS_LOG_RATIO) ? Scale.LOG : Scale.LINEAR);
        LinePlot accuracy = panel("accuracy", metrics, "train_accuracy", "val_accuracy");
        if (accuracy == null) {
            return Figure.row(title, loss);
        }
        // A little room beyond 0 and 1 so that a line at exactly 100 % is not hidden under the frame.
        accuracy.yScale(Scale.LINEAR).yLimits(-0.02, 1.02);
        return Figure.row(title, loss, accuracy);
    }

    /** One panel with the train and validation columns that exist, or null when neither does. */
    private static LinePlot panel(String quantity, MetricsTable metrics, String trainColumn, String valColumn) throws IOException {
        List<Series> series = new ArrayList<>();
        if (metrics.has(trainColumn)) {
            series.add(metrics.series("train", "step", trainColumn));
        }
        if (metrics.has(valColumn)) {
            series.add(metrics.series("validation", "step", valColumn));
        }
        if (series.isEmpty()) {
            return null;
        }
        LinePlot plot = new LinePlot(null, "step", quantity).integerX(true);
        int points = 0;
        for (Series s : series) {
            plot.add(s);
            points = Math.max(points, s.size());
        }
        return plot.markers(points <= MARKERS_UP_TO);
    }

    /** The run folder's name (metrics.csv lies in it), or the file's own name when it has no parent. */
    static String runName(Path metricsCsv) {
        Path parent = metricsCsv.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null ? parent.getFileName().toString() : metricsCsv.getFileName().toString();
    }
}
