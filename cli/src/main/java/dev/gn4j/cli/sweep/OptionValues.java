package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Option values as a sweep handles them: Boolean, Long, Double, String, or a List of
 * those (for list options such as --target). They come from YAML/JSON nodes and are
 * written back to JSON and YAML unchanged, so a trial's options round-trip exactly.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** A node as an option value; null for YAML null. Maps are not option values: the message names {@code where}. */
    static Object fromJson(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : v) {
                if (item.isContainerNode()) {
                    throw new IllegalArgumentException(where + " must be a value or a list of values, not a nested "
                            + (item.isArray() ? "list" : "map"));
                }
                items.add(fromJson(item, where));
            }
            return List.copyOf(items);
        }
        throw new IllegalArgumentException(where + " must be a value or a list of values, not a map");
    }

    /** A short spelling for trial ids and tables: numbers to {@code digits} significant digits, lists joined by '+'. */
    static String compact(Object v, int digits) {
        if (v instanceof Double d) {
            return shortDouble(d, digits);
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(x -> parts.add(compact(x, digits)));
            return String.join("+", parts);
        }
        return String.valueOf(v);
    }

    /** The full value for CSV cells: doubles exactly (shortest round-trip form), lists joined by '+'. */
    static String exact(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(x -> parts.add(exact(x)));
            return String.join("+", parts);
        }
        return String.valueOf(v);
    }

    /** 0.1 → "0.1", 1.0 → "1", 3.7e-05 → "3.7e-5", 0.012345 → "0.0123" (digits = 3). */
    static String shortDouble(double d, int digits) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e6) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%." + digits + "g", d);
        String mantissa = s;
        String exponent = "";
        int e = s.indexOf('e');
        if (e >= 0) {
            mantissa = s.substring(0, e);
            int exp = Integer.parseInt(s.substring(e + 1));
            exponent = "e" + exp;
        }
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }
}
