package dev.gn4j.engine.train;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar redrawn in place (carriage return), at most ten times a second. */
public final class ProgressBar implements Progress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final java.util.function.LongSupplier clock;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    public ProgressBar(PrintStream out) {
        this(out, System::nanoTime);
    }

    /** With an injected nanosecond clock (tests). */
    ProgressBar(PrintStream out, java.util.function.LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void update(long step, long steps, double epoch, double batchLoss, double trainLoss, double lambda,
                       double stepSize, double elapsedSeconds) {
        long now = clock.getAsLong();
        if (step != steps && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double frac = Math.min(1, (double) step / steps);
        int filled = (int) Math.round(frac * WIDTH);
        double rate = step / Math.max(elapsedSeconds, 1e-9);
        double eta = (steps - step) / Math.max(rate, 1e-12);
        StringBuilder sb = new StringBuilder("\r[");
        sb.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        sb.append(String.format(Locale.ROOT, "%3.0f%% step %d/%d  ep %.2f  loss %.4g", 100 * frac, step, steps, epoch,
                Double.isNaN(trainLoss) ? batchLoss : trainLoss));
        if (!Double.isNaN(lambda)) {
            sb.append(String.format(Locale.ROOT, "  λ %.3g", lambda));
        }
        sb.append(String.format(Locale.ROOT, "  α %.3g  %.1f it/s  ETA %s ", stepSize, rate, LogProgress.duration(eta)));
        out.print(sb);
        out.flush();
        drawn = true;
    }

    @Override
    public void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
