package dev.gn4j.engine.train;

/**
 * When a run writes a metrics row and a checkpoint, by default. A metrics row evaluates the
 * loss over the training rows, which for a first-order step costs as much as hundreds of
 * steps. So the default spacing keeps those evaluations under {@link #METRICS_BUDGET} of the
 * training work, counted in rows passed through the network (a step: forward and backward,
 * about 3 rows of work per batch row; an evaluation: 1 per row). The count is deterministic:
 * the same run logs the same steps on any machine. Gauss-Newton steps cost far more than
 * their batch's forward pass, so they keep a row every step on small data and ten an epoch
 * on large data. Large training sets are evaluated on a fixed subsample of
 * {@link #METRICS_ROWS} rows between the exact first and last evaluations.
 *
 * <p>Checkpoints by default go at the end of the first epoch (so that a run killed after it
 * can be resumed), then at the end of an epoch once {@link #SAVE_MIN_SECONDS} have passed
 * since the last one, and at any step once {@link #SAVE_MAX_SECONDS} have; always at the end
 * and on Ctrl-C. A run of a few seconds thus writes two, not one an epoch.
 */
record RunSchedule(long logEvery, long evalEvery, long saveEvery) {
    static final double METRICS_BUDGET = 0.1;
    static final int METRICS_ROWS = 8192;
    static final int LOG_EVERY_STEP_ROWS = 2048;
    /** A run always gets at least this many metrics rows, however cheap its steps. */
    static final long MIN_ROWS_A_RUN = 10;
    static final double SAVE_MIN_SECONDS = 30;
    static final double SAVE_MAX_SECONDS = 300;

    /**
     * The schedule for {@code cfg}; a positive --log-every, --eval-every or --save-every is
     * kept as given; {@code saveEvery} 0 means "by time at epoch ends" ({@link #saveDue}).
     */
    static RunSchedule of(TrainConfig cfg, int trainRows, int valRows, int batch, long stepsPerEpoch, long steps) {
        boolean firstOrder = cfg.optimizer().method().isFirstOrder();
        long logEvery;
        if (cfg.logEvery() > 0) {
            logEvery = cfg.logEvery();
        } else if (firstOrder) {
            double evaluated = Math.min(trainRows, METRICS_ROWS) + valRows;
            long byBudget = (long) Math.ceil(evaluated / (METRICS_BUDGET * 3.0 * batch));
            logEvery = Math.max(1, Math.min(byBudget, Math.max(1, steps / MIN_ROWS_A_RUN)));
        } else {
            logEvery = trainRows <= LOG_EVERY_STEP_ROWS ? 1 : Math.max(1, Math.round(stepsPerEpoch / 10.0));
        }
        long evalEvery = cfg.evalEvery() > 0 ? cfg.evalEvery() : logEvery;
        return new RunSchedule(logEvery, evalEvery, cfg.saveEvery());
    }

    /** Whether step {@code t} saves a checkpoint, {@code sinceSave} seconds after the last save (or the start). */
    boolean saveDue(long t, boolean epochEnd, double sinceSave, boolean savedBefore) {
        if (saveEvery > 0) {
            return t % saveEvery == 0;
        }
        return epochEnd && (!savedBefore || sinceSave >= SAVE_MIN_SECONDS) || sinceSave >= SAVE_MAX_SECONDS;
    }

    /** Whether the training rows are evaluated on a fixed subsample between the first and the last row. */
    static boolean subsampled(int trainRows) {
        return trainRows > METRICS_ROWS;
    }
}
