package dev.gn4j.cli.sweep;

import java.util.Map;

/**
 * Folder names for trials: the zero-padded index, then each swept option and its value,
 * e.g. {@code 0007-lr0.1-lambda0.01-seed2} or {@code 0003-model_8-tanh-seed1}. The index
 * alone makes an id unique; the values make a listing of DIR/trials readable.
 */
final class TrialId {
    static final int MAX_LENGTH = 120;
    private static final int MAX_VALUE_LENGTH = 24;

    private TrialId() {
    }

    /** Digits of the index: at least 4, more for sweeps of 10000 trials or more. */
    static int width(long count) {
        return Math.max(4, Long.toString(Math.max(0, count - 1)).length());
    }

    static String of(int index, int width, Map<String, Object> swept) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%0" + width + "d", index));
        for (Map.Entry<String, Object> e : swept.entrySet()) {
            String value = safe(OptionValues.compact(e.getValue(), 3));
            if (value.length() > MAX_VALUE_LENGTH) {
                value = value.substring(0, MAX_VALUE_LENGTH);
            }
            sb.append('-').append(safe(e.getKey()));
            // lr0.1 reads well; model8-tanh does not, so a value that is not a number gets a separator.
            if (!(e.getValue() instanceof Number)) {
                sb.append('_');
            }
            sb.append(value);
        }
        return sb.length() > MAX_LENGTH ? sb.substring(0, MAX_LENGTH) : sb.toString();
    }

    /** Only characters that need no quoting in a shell or a URL, and no path separators. */
    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._+-]", "_");
    }
}
