package dev.gn4j.cli;

import dev.gn4j.engine.data.CsvOptions;
import dev.gn4j.engine.data.TableEncoding;
import picocli.CommandLine.Option;

/** The options of train, eval and predict that say how a CSV file is read (a picocli mixin). */
final class CsvReadOptions {
    @Option(names = "--delimiter", paramLabel = "auto|comma|tab|semicolon|C", defaultValue = "auto",
            description = "The CSV field separator; auto takes whichever of comma, tab and semicolon splits the header "
                    + "into the most fields. Default: ${DEFAULT-VALUE}.")
    String delimiter;

    @Option(names = "--unseen-category", paramLabel = "error|zeros", defaultValue = "error",
            description = "A string feature's value that the training rows never had: an error, or encoded as none of "
                    + "the known categories (with a warning). Default: ${DEFAULT-VALUE}.")
    String unseenCategory;

    /** The reading options, with the missing-cell policy of training and a fitted encoding (null: fit one). */
    CsvOptions options(CsvOptions.Missing missing, TableEncoding encoding) {
        boolean zeros = switch (unseenCategory.toLowerCase(java.util.Locale.ROOT)) {
            case "error" -> false;
            case "zeros" -> true;
            default -> throw new IllegalArgumentException("--unseen-category takes error or zeros, got '" + unseenCategory + "'");
        };
        return new CsvOptions(CsvOptions.parseDelimiter(delimiter), encoding, missing, zeros);
    }
}
