package dev.gn4j.engine.data;

import java.util.SplittableRandom;

/**
 * The order in which samples are visited: a fresh permutation per epoch from the
 * seed (none for full-batch training), batches of a fixed size with a smaller last
 * batch. Its whole state is (epoch, position, rng), so a run can be resumed.
 */
public final class BatchSampler {
    private final int rows;
    private final int batch;
    private final boolean shuffle;
    private final SplittableRandom rng;
    private int[] order;
    private int position;
    private int epoch;

    public BatchSampler(int rows, int batch, long seed) {
        if (batch <= 0) {
            throw new IllegalArgumentException("--batch must be positive, got " + batch);
        }
        this.rows = rows;
        this.batch = Math.min(batch, rows);
        this.shuffle = this.batch < rows;
        this.rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        newEpoch();
        epoch = 0;
    }

    public int batchSize() {
        return batch;
    }

    public int stepsPerEpoch() {
        return (rows + batch - 1) / batch;
    }

    /** Completed epochs, as a fraction after the last batch handed out. */
    public double epochProgress() {
        return epoch + (double) position / rows;
    }

    /** The sample indices of the next batch. */
    public int[] next() {
        if (position >= rows) {
            newEpoch();
        }
        int n = Math.min(batch, rows - position);
        int[] idx = new int[n];
        System.arraycopy(order, position, idx, 0, n);
        position += n;
        return idx;
    }

    private void newEpoch() {
        epoch++;
        position = 0;
        if (order == null) {
            order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
        }
        if (shuffle) {
            for (int i = rows - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }
}
