package dev.gn4j.engine.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick label text. Tick values are kept as exact decimals (BigDecimal) so that 0.1 + 0.2 prints as 0.3 and
 * never as 0.30000000000000004; both notations come from the same exact value.
 */
final class NumberLabels {
    /** Plain labels this long or longer are replaced by scientific ones on a linear axis, if those are shorter. */
    private static final int LONG_PLAIN = 7;

    private NumberLabels() {
    }

    /**
     * Labels for the ticks of one linear axis, all in one notation: plain with as many decimals as the step
     * needs (0.0, 0.2, …, 1.0), or scientific (0, 5e5, 1e6, 1.5e6) when plain would be long and scientific is
     * shorter. One notation per axis, because a mix such as "0.5" next to "1e-5" reads as a mistake.
     */
    static List<String> linear(List<BigDecimal> ticks, int stepExponent) {
        List<String> plain = new ArrayList<>(ticks.size());
        List<String> scientific = new ArrayList<>(ticks.size());
        int decimals = Math.max(0, -stepExponent);
        for (BigDecimal t : ticks) {
            plain.add(t.signum() == 0 ? zero(decimals) : t.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
            scientific.add(scientific(t));
        }
        int plainLength = longest(plain);
        return plainLength >= LONG_PLAIN && longest(scientific) < plainLength ? scientific : plain;
    }

    /** A label for one tick of a log axis: the shorter of plain and scientific, plain on a tie (0.01, 1e-3, 100, 1e3). */
    static String log(BigDecimal value) {
        String plain = value.stripTrailingZeros().toPlainString();
        String scientific = scientific(value);
        return scientific.length() < plain.length() ? scientific : plain;
    }

    /** Shortest scientific form: 1.5e6, 2e-7, 3 (no exponent for 10^0), 0. */
    static String scientific(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal v = value.stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        String mantissa = v.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        return exponent == 0 ? mantissa : mantissa + "e" + exponent;
    }

    private static String zero(int decimals) {
        return decimals == 0 ? "0" : BigDecimal.ZERO.setScale(decimals).toPlainString();
    }

    private static int longest(List<String> labels) {
        int n = 0;
        for (String s : labels) {
            n = Math.max(n, s.length());
        }
        return n;
    }
}
