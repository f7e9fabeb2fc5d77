package dev.gn4j.engine.data;

import java.util.Locale;

/**
 * How a CSV file is read. {@code delimiter} 0 detects it from the header row (comma, tab or
 * semicolon, whichever separates the most fields). {@code encoding} null fits one on this
 * file (training); else the file is read with it (validation, eval, predict).
 * {@code missing} fills missing cells of numeric columns when the encoding is fitted;
 * {@code unseenAsZeros} encodes a category the training rows never had as none of the known
 * ones (all zeros), where otherwise it is an error.
 */
public record CsvOptions(char delimiter, TableEncoding encoding, Missing missing, boolean unseenAsZeros) {

    public static final CsvOptions DEFAULT = new CsvOptions((char) 0, null, Missing.REFUSE, false);

    /** What a missing cell (empty, NA, N/A or ?) of a feature column becomes. */
    public enum Missing {
        REFUSE, MEAN, MEDIAN, ZERO;

        public static Missing parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "refuse", "none" -> REFUSE;
                case "mean" -> MEAN;
                case "median" -> MEDIAN;
                case "zero" -> ZERO;
                default -> throw new IllegalArgumentException("unknown --missing '" + s + "' (expected mean, median or zero)");
            };
        }
    }

    /** The --delimiter spellings: comma, tab, semicolon, auto, or one character. */
    public static char parseDelimiter(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "auto" -> 0;
            case "comma", "," -> ',';
            case "tab", "\\t", "\t" -> '\t';
            case "semicolon", ";" -> ';';
            default -> {
                if (s.length() == 1 && s.charAt(0) != '"') {
                    yield s.charAt(0);
                }
                throw new IllegalArgumentException("--delimiter takes comma, tab, semicolon, auto or one character, got '" + s + "'");
            }
        };
    }

    public CsvOptions withEncoding(TableEncoding e) {
        return new CsvOptions(delimiter, e, missing, unseenAsZeros);
    }
}
