package dev.gn4j.engine.train;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plain progress lines for logs and pipes: one every interval, and the last step. */
public final class LogProgress implements Progress {
    private static final Logger LOG = LoggerFactory.getLogger("dev.gn4j.progress");
    private final long intervalNanos;
    private long last = System.nanoTime();

    public LogProgress(double intervalSeconds) {
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    @Override
    public void update(long step, long steps, double epoch, double batchLoss, double trainLoss, double lambda,
                       double stepSize, double elapsedSeconds) {
        long now = System.nanoTime();
        if (step != steps && now - last < intervalNanos) {
            return;
        }
        last = now;
        double rate = step / Math.max(elapsedSeconds, 1e-9);
        LOG.info(String.format(Locale.ROOT, "step %d/%d  epoch %.2f  batch loss %.6g  train loss %.6g  λ %.3g  α %.3g  %.1f steps/s  ETA %s",
                step, steps, epoch, batchLoss, trainLoss, lambda, stepSize, rate, duration((steps - step) / Math.max(rate, 1e-12))));
    }

    @Override
    public void finish() {
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
