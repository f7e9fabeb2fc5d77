package dev.gn4j.engine.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticks on a log axis. Over two or more powers of ten: labels at powers of ten (every decade, or every 2nd,
 * 3rd, 5th, 10th, … when they would not fit), minor ticks at 2..9 × 10^k or at the decades left unlabelled.
 * Over a narrower range, where powers of ten alone would leave the axis with fewer than two labels: labels
 * at 1, 2, 5 × 10^k (when that gives three or more, or 1..9 × 10^k does not fit), else at 1..9 × 10^k, and
 * as a last resort linear nice ticks placed on the log axis.
 */
public final class LogTicks {
    private static final double EPS = 1e-9;
    private static final int[] ONE_TWO_FIVE = {1, 2, 5};
    private static final int[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private LogTicks() {
    }

    /** Ticks inside [lo, hi], 0 &lt; lo &lt; hi, with at most maxCount (at least 2) labels. */
    public static Ticks of(double lo, double hi, int maxCount) {
        if (!(lo > 0 && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("log tick range must be positive, finite and increasing, got [" + lo + ", " + hi + "]");
        }
        if (maxCount < 2) {
            throw new IllegalArgumentException("maxCount must be at least 2, got " + maxCount);
        }
        int firstDecade = (int) Math.ceil(Math.log10(lo) - EPS);
        int lastDecade = (int) Math.floor(Math.log10(hi) + EPS);
        if (lastDecade - firstDecade + 1 >= 2) {
            return decades(lo, hi, firstDecade, lastDecade, maxCount);
        }
        List<BigDecimal> oneTwoFive = multiples(lo, hi, ONE_TWO_FIVE);
        List<BigDecimal> oneToNine = multiples(lo, hi, ONE_TO_NINE);
        // Two labels (say 0.05 and 0.1) say little about a curve; 1..9 × 10^k give more where they fit.
        boolean oneToNineFits = oneToNine.size() >= 2 && oneToNine.size() <= maxCount;
        if (oneTwoFive.size() >= 2 && oneTwoFive.size() <= maxCount && (oneTwoFive.size() >= 3 || !oneToNineFits)) {
            List<BigDecimal> rest = new ArrayList<>(oneToNine);
            rest.removeAll(oneTwoFive);
            return labelled(oneTwoFive, rest);
        }
        if (oneToNineFits) {
            return labelled(oneToNine, List.of());
        }
        return LinearTicks.of(lo, hi, maxCount, false);
    }

    private static Ticks decades(double lo, double hi, int first, int last, int maxCount) {
        int every = 1;
        while (countMultiples(first, last, every) > maxCount) {
            every = nextStride(every);
        }
        List<BigDecimal> major = new ArrayList<>();
        List<BigDecimal> minor = new ArrayList<>();
        for (int k = first; k <= last; k++) {
            (Math.floorMod(k, every) == 0 ? major : minor).add(BigDecimal.ONE.scaleByPowerOfTen(k));
        }
        if (every == 1) {
            minor = multiples(lo, hi, new int[] {2, 3, 4, 5, 6, 7, 8, 9});
        }
        return labelled(major, minor);
    }

    /** 1, 2, 3, 5, 10, 20, 30, 50, 100, … decades between labels. */
    private static int nextStride(int every) {
        int decade = 1;
        while (every >= 10 * decade) {
            decade *= 10;
        }
        int m = every / decade;
        return m == 1 ? 2 * decade : m == 2 ? 3 * decade : m == 3 ? 5 * decade : 10 * decade;
    }

    private static int countMultiples(int first, int last, int every) {
        return Math.floorDiv(last, every) - Math.floorDiv(first - 1, every);
    }

    /** m × 10^k for each m in ms that lies in [lo, hi], increasing. */
    private static List<BigDecimal> multiples(double lo, double hi, int[] ms) {
        List<BigDecimal> out = new ArrayList<>();
        int kLo = (int) Math.floor(Math.log10(lo)) - 1;
        int kHi = (int) Math.ceil(Math.log10(hi));
        for (int k = kLo; k <= kHi; k++) {
            for (int m : ms) {
                BigDecimal v = BigDecimal.valueOf(m).scaleByPowerOfTen(k);
                double d = v.doubleValue();
                if (d >= lo * (1 - EPS) && d <= hi * (1 + EPS)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static Ticks labelled(List<BigDecimal> major, List<BigDecimal> minor) {
        double[] values = new double[major.size()];
        List<String> labels = new ArrayList<>(major.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = major.get(i).doubleValue();
            labels.add(NumberLabels.log(major.get(i)));
        }
        double[] minorValues = new double[minor.size()];
        for (int i = 0; i < minorValues.length; i++) {
            minorValues[i] = minor.get(i).doubleValue();
        }
        return new Ticks(values, labels, minorValues);
    }
}
