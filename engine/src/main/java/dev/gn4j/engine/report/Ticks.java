package dev.gn4j.engine.report;

import java.util.Arrays;
import java.util.List;

/**
 * The ticks of one axis: labelled major ticks (which also get grid lines) and unlabelled minor ticks.
 *
 * @param major  tick positions in data units, increasing
 * @param labels one label per major tick
 * @param minor  minor tick positions in data units (log axes: 2..9 × 10^k, or skipped decades), increasing
 */
public record Ticks(double[] major, List<String> labels, double[] minor) {
    public Ticks {
        if (major.length != labels.size()) {
            throw new IllegalArgumentException(major.length + " ticks but " + labels.size() + " labels");
        }
        major = major.clone();
        labels = List.copyOf(labels);
        minor = minor.clone();
    }

    @Override
    public double[] major() {
        return major.clone();
    }

    @Override
    public double[] minor() {
        return minor.clone();
    }

    int count() {
        return major.length;
    }

    double at(int i) {
        return major[i];
    }

    @Override
    public String toString() {
        return "Ticks" + labels + (minor.length > 0 ? " minor " + Arrays.toString(minor) : "");
    }
}
