package dev.gn4j.report;

import java.util.List;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Lines through each run of drawable points, with a marker on every point when asked for, and otherwise on
 * the points with no drawable neighbour: a line needs two points, so a lone one would not show at all.
 */
final class LineRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;

    private final boolean markers;
    private final List<boolean[]> lonePoints;

    /** @param lonePoints per series, per item: whether the item has no drawable neighbour */
    LineRenderer(boolean markers, List<boolean[]> lonePoints) {
        super(true, true);
        // One path a series: joins without the notches of separate segments; NaN items still break it.
        setDrawSeriesLineAsPath(true);
        this.markers = markers;
        this.lonePoints = List.copyOf(lonePoints);
    }

    @Override
    public boolean getItemShapeVisible(int series, int item) {
        boolean[] lone = lonePoints.get(series);
        // The legend asks about item 0 even of a series without items.
        return markers || item < lone.length && lone[item];
    }
}
