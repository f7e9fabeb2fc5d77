package dev.gn4j.report;

import java.awt.Color;
import java.util.List;

/**
 * Series colours: the Okabe-Ito palette, which stays distinguishable under the common forms of colour
 * blindness. Ordered for contrast on white; its yellow is last because it is faint on white.
 */
public final class Palette {
    public static final Color BLUE = new Color(0x0072B2);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color BLUISH_GREEN = new Color(0x009E73);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    public static final Color SKY_BLUE = new Color(0x56B4E9);
    public static final Color BLACK = new Color(0x000000);
    public static final Color YELLOW = new Color(0xF0E442);

    /** The order in which series take colours; a ninth series starts again at the first. */
    public static final List<Color> SERIES = List.of(BLUE, VERMILLION, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, BLACK, YELLOW);

    private Palette() {
    }

    /** The colour of the i-th series of a plot. */
    public static Color series(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }
}
