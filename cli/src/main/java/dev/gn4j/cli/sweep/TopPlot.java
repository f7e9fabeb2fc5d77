package dev.gn4j.cli.sweep;

import dev.gn4j.report.Figure;
import dev.gn4j.report.LinePlot;
import dev.gn4j.report.MetricsTable;
import dev.gn4j.report.Scale;
import dev.gn4j.report.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DIR/top.png: the loss curves of the best ranked trials on one plot, against step.
 * Validation loss when the ranking metric is a validation one and the trials logged it,
 * training loss otherwise; log y when the curves span more than a decade, as in a run's
 * loss.png.
 */
final class TopPlot {
    static final String FILE_NAME = "top.png";
    /** More curves than this would not be told apart (the palette has eight colours). */
    static final int CURVES = 6;
    private static final double LOG_RATIO = 10;
    private static final int MARKERS_UP_TO = 60;

    private TopPlot() {
    }

    /** Writes the plot; false (and nothing written) when no trial is ranked. */
    static boolean write(Leaderboard board, Path sweepDir, Path png) throws IOException {
        List<LeaderboardRow> top = board.ranked().subList(0, Math.min(CURVES, board.ranked().size()));
        if (top.isEmpty()) {
            return false;
        }
        String metric = board.plan().metric();
        String column = metric.contains("val") ? "val_loss" : "train_loss";
        List<Series> series = new ArrayList<>();
        for (LeaderboardRow r : top) {
            Path csv = TrialFolder.of(sweepDir, r.trial()).dir().resolve(TrialFolder.METRICS);
            if (!Files.isRegularFile(csv)) {
                continue;
            }
            MetricsTable table = MetricsTable.read(csv);
            String y = table.has(column) ? column : "train_loss";
            series.add(table.series("#" + r.rank() + " " + r.trial().id() + " (" + OptionValues.shortDouble(r.metric(), 4) + ")",
                    "step", y));
        }
        if (series.isEmpty()) {
            return false;
        }
        List<double[]> ys = series.stream().map(Series::y).toList();
        int points = series.stream().mapToInt(Series::size).max().orElse(0);
        LinePlot plot = new LinePlot(null, "step", column.replace('_', ' '))
                .yScale(Scale.prefersLog(ys, LOG_RATIO) ? Scale.LOG : Scale.LINEAR)
                .integerX(true)
                .markers(points <= MARKERS_UP_TO);
        series.forEach(plot::add);
        String title = "top " + series.size() + " of " + board.rows().size() + " trials by " + metric
                + (board.plan().maximize() ? " (highest first)" : " (lowest first)");
        Figure.row(title, plot).write(png);
        return true;
    }
}
