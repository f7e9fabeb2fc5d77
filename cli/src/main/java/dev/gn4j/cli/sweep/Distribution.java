package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a random axis draws its values, written in the sweep file as a one-entry map:
 * {@code {uniform: [lo, hi]}}, {@code {log-uniform: [lo, hi]}} (for rates and λ, which
 * matter by orders of magnitude), {@code {int-uniform: [lo, hi]}} (both ends included)
 * or {@code {choice: [a, b, ...]}}.
 */
public sealed interface Distribution {
    List<String> KINDS = List.of("uniform", "log-uniform", "int-uniform", "choice");

    Object draw(SplittableRandom rng);

    /** The sweep-file spelling, for sweep.json. */
    Map<String, Object> spec();

    record Uniform(double lo, double hi) implements Distribution {
        @Override
        public Object draw(SplittableRandom rng) {
            return lo + (hi - lo) * rng.nextDouble();
        }

        @Override
        public Map<String, Object> spec() {
            return Map.of("uniform", List.of(lo, hi));
        }
    }

    record LogUniform(double lo, double hi) implements Distribution {
        @Override
        public Object draw(SplittableRandom rng) {
            double v = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
            return Math.min(hi, Math.max(lo, v)); // exp(log(x)) may land an ulp outside [lo, hi]
        }

        @Override
        public Map<String, Object> spec() {
            return Map.of("log-uniform", List.of(lo, hi));
        }
    }

    record IntUniform(long lo, long hi) implements Distribution {
        @Override
        public Object draw(SplittableRandom rng) {
            return lo + rng.nextLong(hi - lo + 1);
        }

        @Override
        public Map<String, Object> spec() {
            return Map.of("int-uniform", List.of(lo, hi));
        }
    }

    record Choice(List<Object> values) implements Distribution {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object draw(SplittableRandom rng) {
            return values.get(rng.nextInt(values.size()));
        }

        @Override
        public Map<String, Object> spec() {
            return Map.of("choice", values);
        }
    }

    /** Parses the node of option {@code key}; {@code where} prefixes every message (e.g. "sweep file 's.yaml': random: 'lr'"). */
    static Distribution parse(JsonNode node, String where) {
        String example = "a distribution such as {uniform: [0, 0.9]}, {log-uniform: [1e-4, 10]}, {int-uniform: [1, 8]} or {choice: [a, b]}";
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException(where + " must be " + example);
        }
        Map.Entry<String, JsonNode> e = node.fields().next();
        String kind = e.getKey();
        JsonNode args = e.getValue();
        String at = where + ": " + kind;
        switch (kind) {
            case "choice": {
                if (!args.isArray() || args.isEmpty()) {
                    throw new IllegalArgumentException(at + " needs a non-empty list of values, e.g. {choice: [tanh, relu]}");
                }
                List<Object> values = new ArrayList<>();
                for (JsonNode v : args) {
                    Object value = OptionValues.fromJson(v, at + " value");
                    if (value == null) {
                        throw new IllegalArgumentException(at + " holds a null value");
                    }
                    values.add(value);
                }
                return new Choice(values);
            }
            case "uniform":
            case "log-uniform":
            case "int-uniform": {
                double[] b = bounds(args, at);
                if (b[0] > b[1]) {
                    throw new IllegalArgumentException(at + " has lo " + num(b[0]) + " > hi " + num(b[1]));
                }
                if (kind.equals("uniform")) {
                    return new Uniform(b[0], b[1]);
                }
                if (kind.equals("log-uniform")) {
                    if (!(b[0] > 0)) {
                        throw new IllegalArgumentException(at + " needs lo > 0 (it draws the logarithm uniformly), got " + num(b[0]));
                    }
                    return new LogUniform(b[0], b[1]);
                }
                if (b[0] != Math.rint(b[0]) || b[1] != Math.rint(b[1]) || Math.abs(b[0]) > 1e15 || Math.abs(b[1]) > 1e15) {
                    throw new IllegalArgumentException(at + " needs integer bounds, got [" + num(b[0]) + ", " + num(b[1]) + "]");
                }
                return new IntUniform((long) b[0], (long) b[1]);
            }
            default:
                throw new IllegalArgumentException(where + ": unknown distribution '" + kind + "' (expected "
                        + String.join(", ", KINDS) + ")");
        }
    }

    private static double[] bounds(JsonNode args, String at) {
        if (!args.isArray() || args.size() != 2) {
            throw new IllegalArgumentException(at + " needs two bounds [lo, hi], got " + args);
        }
        double[] b = new double[2];
        for (int i = 0; i < 2; i++) {
            JsonNode v = args.get(i);
            try {
                b[i] = v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(at + " bound '" + v.asText() + "' is not a number");
            }
            if (!Double.isFinite(b[i]) || v.isContainerNode() || v.isBoolean()) {
                throw new IllegalArgumentException(at + " bound '" + v.asText() + "' is not a finite number");
            }
        }
        return b;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A spec map in file order, for messages and sweep.json. */
    static Map<String, Object> specs(Map<String, Distribution> random) {
        Map<String, Object> out = new LinkedHashMap<>();
        random.forEach((k, d) -> out.put(k, d.spec()));
        return out;
    }
}
