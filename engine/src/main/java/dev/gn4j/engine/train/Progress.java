package dev.gn4j.engine.train;

/** Where a run reports its progress: a live bar on a terminal, plain lines in a log, or nothing. */
public interface Progress {
    /** Called after every step with the values a person watches. */
    void update(long step, long steps, double epoch, double batchLoss, double trainLoss, double lambda, double stepSize,
                double elapsedSeconds);

    /** Called once at the end (or on interruption) so a bar can end its line. */
    void finish();

    Progress NONE = new Progress() {
        @Override
        public void update(long step, long steps, double epoch, double batchLoss, double trainLoss, double lambda,
                           double stepSize, double elapsedSeconds) {
        }

        @Override
        public void finish() {
        }
    };
}
