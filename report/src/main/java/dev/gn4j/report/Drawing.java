package dev.gn4j.report;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;

/**
 * A drawn figure: the image, and per panel the chart and what JFreeChart recorded while drawing it (where the
 * data area and the legend items went, in image pixels). Tests check what landed where through it.
 */
record Drawing(BufferedImage image, List<JFreeChart> charts, List<ChartRenderingInfo> infos) {
    Drawing {
        charts = List.copyOf(charts);
        infos = List.copyOf(infos);
    }

    /** The i-th panel's data area: the rectangle inside its axes. */
    Rectangle2D dataArea(int i) {
        return infos.get(i).getPlotInfo().getDataArea();
    }
}
