package dev.gn4j.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How the feature columns of a CSV table become numbers, fitted on the training rows and
 * saved with the model so that validation, eval and predict read new tables the same way:
 * a numeric column is read as it is (its missing cells filled with {@code fill} when
 * --missing asked for it, else refused); a column of strings is one-hot encoded over the
 * categories of the training rows, in sorted order, as features named {@code column=category}.
 */
public record TableEncoding(List<Column> columns) {

    /** One source column. */
    public sealed interface Column permits Numeric, Categorical {
        String name();
    }

    /** {@code fill}: the value of a missing cell, or NaN where missing cells are refused. */
    public record Numeric(String name, double fill) implements Column {
    }

    /** {@code missingAsZeros}: a missing cell encodes as none of the categories (--missing given), else it is refused. */
    public record Categorical(String name, List<String> categories, boolean missingAsZeros) implements Column {
        public Categorical {
            categories = List.copyOf(categories);
        }
    }

    public TableEncoding {
        columns = List.copyOf(columns);
    }

    /** The network's input features: a numeric column's name, or one {@code name=category} per category. */
    public List<String> featureNames() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            if (c instanceof Categorical k) {
                k.categories().forEach(v -> out.add(k.name() + "=" + v));
            } else {
                out.add(c.name());
            }
        }
        return out;
    }

    /** True when every column is numeric with missing cells refused: the table is read as it always was. */
    public boolean plain() {
        return columns.stream().allMatch(c -> c instanceof Numeric n && Double.isNaN(n.fill()));
    }

    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
