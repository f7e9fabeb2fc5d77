package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gn4j.engine.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file (YAML, or JSON for a .json name) and checks everything that can
 * be checked before a trial runs. A file that is missing or not YAML/JSON is a data
 * error (exit 3, as for train --config); anything wrong in its content is a usage error
 * (exit 2): one sentence naming the file and the key.
 */
public final class SweepFileReader {
    static final List<String> KEYS = List.of("base", "grid", "random", "trials", "seeds", "metric", "maximize", "sweep_seed",
            "devices", "workers");

    /** Options the sweep sets itself, or that are not training options, with the reason given to the user. */
    private static final Map<String, String> RESERVED = Map.of(
            "out", "is chosen by the sweep (trial i writes DIR/trials/<id>); give gn4j sweep --out DIR instead",
            "resume", "is managed by the sweep: rerunning the sweep resumes interrupted trials",
            "config", "cannot be nested: put the options in base:",
            "help", "is not a training option",
            "version", "is not a training option",
            "verbose", "is not a training option",
            "quiet", "is not a training option");

    private SweepFileReader() {
    }

    public static SweepSpec read(Path file, TrainOptions train) {
        String where = "sweep file '" + file + "'";
        JsonNode root = parse(file, where);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + " must be a map with base:, grid:, random:, trials:, seeds: and metric: keys");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS)
                        + "; train options go under base:, grid: or random:)");
            }
        }
        List<String> notes = new ArrayList<>();
        Map<String, Object> base = base(root.get("base"), where + ": base", train);
        Map<String, List<Object>> grid = grid(root.get("grid"), where + ": grid", train);
        Map<String, Distribution> random = random(root.get("random"), where + ": random", train);
        for (String key : List.copyOf(grid.keySet())) {
            if (random.containsKey(key)) {
                // Crossing a grid axis with a random one over the same option would only duplicate
                // trials; the distribution is the more specific request, so it wins.
                notes.add("'" + key + "' is in both grid: and random:; the random distribution is used and the grid values "
                        + grid.get(key) + " are ignored");
                grid.remove(key);
            }
        }
        int trials = trials(root.get("trials"), !random.isEmpty(), where);
        List<Long> seeds = seeds(root.get("seeds"), where);
        if (!seeds.isEmpty() && (grid.containsKey("seed") || random.containsKey("seed"))) {
            throw new IllegalArgumentException(where + ": 'seed' is swept in " + (grid.containsKey("seed") ? "grid:" : "random:")
                    + " and seeds: lists seeds too; use one of them");
        }
        String metric = metric(root.get("metric"), where);
        boolean maximize = bool(root.get("maximize"), false, where + ": maximize");
        long sweepSeed = integer(root.get("sweep_seed"), 0, where + ": sweep_seed");
        List<DeviceSlot> devices = devices(root.get("devices"), where);
        if (!devices.isEmpty() && (grid.containsKey("device") || random.containsKey("device"))) {
            throw new IllegalArgumentException(where + ": 'device' is swept and devices: assigns devices to workers; use one of them");
        }
        Integer workers = null;
        if (root.has("workers")) {
            long w = integer(root.get("workers"), 1, where + ": workers");
            if (w < 1 || w > 1024) {
                throw new IllegalArgumentException(where + ": workers must be between 1 and 1024, got " + w);
            }
            workers = (int) w;
        }
        return new SweepSpec(file, base, grid, random, trials, seeds, metric, maximize, sweepSeed, devices, workers, notes);
    }

    private static JsonNode parse(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(where + " does not exist");
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try {
            return mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new DataException(where + " is not valid " + (json ? "JSON" : "YAML") + at + ": " + msg);
        } catch (IOException e) {
            throw new DataException(where + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> base(JsonNode node, String where, TrainOptions train) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(node, where, "base: {dataset: iris, steps: 100}")) {
            String key = option(e.getKey(), where, train);
            Object v = OptionValues.fromJson(e.getValue(), where + ": '" + key + "'");
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    private static Map<String, List<Object>> grid(JsonNode node, String where, TrainOptions train) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(node, where, "grid: {lr: [0.1, 1.0]}")) {
            String key = option(e.getKey(), where, train);
            JsonNode v = e.getValue();
            if (!v.isArray() || v.isEmpty()) {
                throw new IllegalArgumentException(where + ": '" + key + "' must be a non-empty list of values, e.g. " + key
                        + ": [a, b] (a single value belongs in base:)");
            }
            List<Object> values = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode item : v) {
                Object value = OptionValues.fromJson(item, where + ": '" + key + "' value");
                if (value == null) {
                    throw new IllegalArgumentException(where + ": '" + key + "' holds a null value");
                }
                if (!seen.add(OptionValues.exact(value))) {
                    throw new IllegalArgumentException(where + ": '" + key + "' lists " + OptionValues.exact(value) + " twice");
                }
                values.add(value);
            }
            out.put(key, List.copyOf(values));
        }
        return out;
    }

    private static Map<String, Distribution> random(JsonNode node, String where, TrainOptions train) {
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(node, where, "random: {lr: {log-uniform: [1e-3, 1]}}")) {
            String key = option(e.getKey(), where, train);
            out.put(key, Distribution.parse(e.getValue(), where + ": '" + key + "'"));
        }
        return out;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node, String where, String example) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a map of train options, e.g. " + example);
        }
        node.fields().forEachRemaining(out::add);
        return out;
    }

    /** The option name without dashes, if train knows it and the sweep lets the user set it. */
    private static String option(String raw, String where, TrainOptions train) {
        String key = raw.replaceFirst("^-+", "");
        if (RESERVED.containsKey(key)) {
            throw new IllegalArgumentException(where + ": '" + key + "' " + RESERVED.get(key));
        }
        if (!train.known(key)) {
            throw new IllegalArgumentException(where + ": unknown train option '" + raw + "'; see 'gn4j train --help' for the names");
        }
        return key;
    }

    private static int trials(JsonNode node, boolean hasRandom, String where) {
        if (node == null || node.isNull()) {
            if (hasRandom) {
                throw new IllegalArgumentException(where + ": random: needs trials: N, the number of random draws");
            }
            return 1;
        }
        long n = integer(node, 1, where + ": trials");
        if (n < 1 || n > SweepPlan.MAX_TRIALS) {
            throw new IllegalArgumentException(where + ": trials must be between 1 and " + SweepPlan.MAX_TRIALS + ", got " + n);
        }
        if (!hasRandom && n > 1) {
            throw new IllegalArgumentException(where + ": trials: " + n + " asks for random draws, but there is no random: section");
        }
        return (int) n;
    }

    private static List<Long> seeds(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": seeds must be a non-empty list of integers, e.g. seeds: [1, 2, 3]");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode s : node) {
            long v = integer(s, 0, where + ": seeds");
            if (out.contains(v)) {
                throw new IllegalArgumentException(where + ": seeds lists " + v + " twice");
            }
            out.add(v);
        }
        return out;
    }

    private static String metric(JsonNode node, String where) {
        if (node == null || node.isNull() || !node.isTextual() || node.textValue().isBlank()) {
            throw new IllegalArgumentException(where + ": no metric: name the summary.json key to rank trials by, e.g. "
                    + "metric: final_train_loss (add maximize: true for an accuracy)");
        }
        return node.textValue().trim();
    }

    private static List<DeviceSlot> devices(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (node.isTextual()) {
            names.add(node.textValue());
        } else if (node.isArray() && !node.isEmpty()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            throw new IllegalArgumentException(where + ": devices must be a list such as [cpu, gpu:0, gpu:1]");
        }
        try {
            return DeviceSlot.parseAll(names);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static long integer(JsonNode node, long absent, String where) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.textValue().trim().matches("[-+]?[0-9]{1,18}")) {
            return Long.parseLong(node.textValue().trim());
        }
        throw new IllegalArgumentException(where + " must be an integer, got " + node);
    }

    private static boolean bool(JsonNode node, boolean absent, String where) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(where + " must be true or false, got " + node);
        }
        return node.booleanValue();
    }
}
