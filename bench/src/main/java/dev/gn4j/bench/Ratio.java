package dev.gn4j.bench;

/**
 * A ratio of median step times from the same run, e.g. kind "egn/sgd" for the
 * configuration "cpu f32 b128": numerator egn's median, denominator sgd's.
 */
public record Ratio(String kind, String config, double ratio, double numeratorMs, double denominatorMs) {
}
