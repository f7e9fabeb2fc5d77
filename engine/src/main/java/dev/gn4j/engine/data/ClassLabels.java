package dev.gn4j.engine.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Class labels mapped to indices the way {@link CsvReader} maps them, so that every
 * format agrees: labels that are all non-negative integers are the classes "0".."max";
 * any other labels are their distinct strings in sorted order. A single class is
 * fine here (an evaluation file may hold one); training refuses it.
 */
record ClassLabels(double[] indices, List<String> names) {

    /** Labels too large to be class indices are a typo or a regression target, not 10⁵ classes. */
    static final int MAX_LABEL = 100_000;

    /** Maps textual labels; {@code where.apply(i)} names sample i in messages (e.g. "f.svm line 7"). */
    static ClassLabels of(List<String> labels, IntFunction<String> where) {
        int n = labels.size();
        double[] y = new double[n];
        boolean integers = true;
        for (String s : labels) {
            integers &= s.matches("\\d+");
        }
        List<String> names;
        if (integers) {
            int max = 0;
            for (int i = 0; i < n; i++) {
                String s = labels.get(i);
                if (s.length() > 9 || Integer.parseInt(s) > MAX_LABEL) { // 9 digits always fit in an int
                    throw new DataException(where.apply(i) + ": class label " + s + " is too large; labels are 0..c−1");
                }
                y[i] = Integer.parseInt(s);
                max = Math.max(max, (int) y[i]);
            }
            names = upTo(max);
        } else {
            names = new ArrayList<>(new TreeSet<>(labels));
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < names.size(); k++) {
                index.put(names.get(k), k);
            }
            for (int i = 0; i < n; i++) {
                y[i] = index.get(labels.get(i));
            }
        }
        return new ClassLabels(y, List.copyOf(names));
    }

    /**
     * Maps numeric labels, which must be integers 0..c−1 (an NPY column); at least
     * {@code minClasses} classes are named so that splits of one dataset agree.
     */
    static ClassLabels ofIntegers(double[] labels, IntFunction<String> where, int minClasses) {
        int max = minClasses - 1;
        for (int i = 0; i < labels.length; i++) {
            double v = labels[i];
            if (v < 0 || v != Math.rint(v)) {
                throw new DataException(where.apply(i) + ": " + v + " is not a class label; class labels are integers 0..c−1");
            }
            if (v > MAX_LABEL) {
                throw new DataException(where.apply(i) + ": class label " + (long) v + " is too large; labels are 0..c−1");
            }
            max = Math.max(max, (int) v);
        }
        return new ClassLabels(labels.clone(), List.copyOf(upTo(max)));
    }

    private static List<String> upTo(int max) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k <= max; k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }
}
