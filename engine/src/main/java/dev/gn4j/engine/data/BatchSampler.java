package dev.gn4j.engine.data;

import java.util.SplittableRandom;

/**
 * The order in which samples are visited: each epoch's permutation is derived from
 * (seed, epoch) alone (none for full-batch training), batches of a fixed size with
 * a smaller last batch. Its whole state is therefore (epoch, position): that pair
 * is saved in checkpoints, and a resumed run visits exactly the same batches.
 */
public final class BatchSampler {
    private final int rows;
    private final int batch;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private int epoch;
    private int position;

    public BatchSampler(int rows, int batch, long seed) {
        if (batch <= 0) {
            throw new IllegalArgumentException("--batch must be positive, got " + batch);
        }
        this.rows = rows;
        this.batch = Math.min(batch, rows);
        this.shuffle = this.batch < rows;
        this.seed = seed;
        this.order = new int[rows];
        this.epoch = 0;
        this.position = rows; // the first next() starts epoch 1
    }

    public int batchSize() {
        return batch;
    }

    public int stepsPerEpoch() {
        return (rows + batch - 1) / batch;
    }

    /** Epochs completed, as a fraction after the last batch handed out. */
    public double epochProgress() {
        return epoch == 0 ? 0 : epoch - 1 + (double) position / rows;
    }

    /** The epoch of the last batch handed out (1-based), and the position after it. */
    public int epoch() {
        return epoch;
    }

    public int position() {
        return position;
    }

    /** Continues from a saved (epoch, position). */
    public void restore(int savedEpoch, int savedPosition) {
        if (savedEpoch < 0 || savedPosition < 0 || savedPosition > rows) {
            throw new IllegalArgumentException("bad sampler state (" + savedEpoch + ", " + savedPosition + ") for " + rows + " rows");
        }
        if (savedEpoch == 0) {
            epoch = 0;
            position = rows;
            return;
        }
        epoch = savedEpoch;
        permute(epoch);
        position = savedPosition;
    }

    /** The sample indices of the next batch. */
    public int[] next() {
        if (position >= rows) {
            epoch++;
            permute(epoch);
            position = 0;
        }
        int n = Math.min(batch, rows - position);
        int[] idx = new int[n];
        System.arraycopy(order, position, idx, 0, n);
        position += n;
        return idx;
    }

    private void permute(int e) {
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, 0x5A3E1L, e));
            for (int i = rows - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }
}
