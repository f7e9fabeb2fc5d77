package dev.gn4j.report;

import java.awt.Font;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.data.Range;

/**
 * The axes of a line chart: JFreeChart's log or linear axis, told where gn4j's plots differ from its
 * defaults. The ticks, labels and margins are JFreeChart's.
 */
final class Axes {
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /**
     * Log tick units of whole powers of ten (labels 10⁻³, 10⁰, 10²: no 10^0.4), the first with minor ticks at
     * 2..9 × 10^k. JFreeChart spaces minor ticks evenly between majors, and only within one decade is that
     * where they belong, so the wider units have none.
     */
    private static final TickUnits DECADES = decades();

    private Axes() {
    }

    /**
     * An axis for the given data.
     *
     * @param limits   a fixed range, or null to fit the data
     * @param data     the range of the drawable values, or null when there are none
     * @param integers whether ticks must be whole numbers (steps, epochs)
     */
    static ValueAxis of(String label, boolean log, Range limits, Range data, boolean integers) {
        ValueAxis axis = log ? logAxis(label, limits == null ? data : null) : linearAxis(label, limits == null ? data : null, integers);
        if (limits != null) {
            axis.setRange(limits);
        }
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        return axis;
    }

    /** Whether an axis with this scale and these limits is log, given the values it shows. */
    static boolean isLog(Scale scale, Range limits, List<double[]> values) {
        return limits != null ? scale == Scale.LOG && limits.getLowerBound() > 0 : scale.isLog(values);
    }

    private static ValueAxis logAxis(String label, Range data) {
        LogAxis axis = new LogAxis(label);
        axis.setStandardTickUnits(DECADES);
        axis.setMinorTickMarksVisible(true);
        Range decades = data == null ? null : wholeDecades(data);
        if (decades != null) {
            axis.setRange(decades);
        }
        return axis;
    }

    private static ValueAxis linearAxis(String label, Range data, boolean integers) {
        NumberAxis axis = new NumberAxis(label);
        // Fit the data: a loss between 0.2 and 0.3 should fill the panel, not sit at the top of 0..0.3.
        axis.setAutoRangeIncludesZero(false);
        // A margin at 0 as elsewhere, so that the marker of step 0 is not cut in half by the frame.
        axis.setAutoRangeStickyZero(false);
        if (integers) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        if (data != null && constant(data)) {
            double v = data.getCentralValue();
            double half = v == 0 ? 1 : Math.abs(v) * 0.1;
            axis.setRange(v - half, v + half);
        }
        return axis;
    }

    private static TickUnits decades() {
        TickUnits units = new TickUnits();
        DecimalFormat exponent = new DecimalFormat("0");
        units.add(new NumberTickUnit(1, exponent, 9));
        for (int size : new int[] {2, 3, 5, 10, 20, 50, 100}) {
            units.add(new NumberTickUnit(size, exponent, 0));
        }
        return units;
    }

    /**
     * The decades around the data when they hold fewer than two powers of ten, else null (fit as usual): with
     * ticks at powers of ten only, a loss between 0.05 and 0.6 would otherwise get a single labelled tick.
     */
    static Range wholeDecades(Range data) {
        double lo = Math.floor(Math.log10(data.getLowerBound()));
        double hi = Math.ceil(Math.log10(data.getUpperBound()));
        if (Math.ceil(Math.log10(data.getLowerBound())) < Math.floor(Math.log10(data.getUpperBound()))) {
            return null;
        }
        if (lo == hi) {
            lo--;
            hi++;
        }
        // A hair wider than the powers themselves: log10(Math.pow(10, -2)) rounds to just above -2, which would
        // leave the end ticks out.
        return new Range(Math.pow(10, lo) * (1 - 1e-9), Math.pow(10, hi) * (1 + 1e-9));
    }

    /**
     * Whether data differ by no more than rounding noise (a lone point, a flat line): JFreeChart would then zoom
     * into a range of 1e-8 and label every tick with the same number, so such data get ±10 % around them.
     */
    private static boolean constant(Range data) {
        double magnitude = Math.max(Math.abs(data.getLowerBound()), Math.abs(data.getUpperBound()));
        return data.getLength() <= 1e-9 * magnitude;
    }
}
