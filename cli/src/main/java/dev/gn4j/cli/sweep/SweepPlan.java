package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.data.Seeds;
import dev.gn4j.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The expanded sweep, as written to DIR/sweep.json: every trial with its full options,
 * and how to rank them. Expansion is a pure function of the sweep file: grid points
 * (first key slowest) × random draws × seeds (fastest), each draw from a generator seeded
 * by (sweep_seed, option name, draw number), so a rerun expands to the same trials and
 * adding a random option does not change the draws of the others.
 *
 * @param swept column order of the swept options: grid keys, random keys, then seed
 * @param axes  the sweep file's base, grid, random, trials and seeds, for the record
 */
public record SweepPlan(String sweepFile, String metric, boolean maximize, long sweepSeed, List<String> devices,
                        List<String> swept, Map<String, Object> axes, List<String> notes, List<Trial> trials) {
    /** More trials than this is a typo (a grid of ten lists of ten values), not a sweep. */
    public static final int MAX_TRIALS = 100_000;
    static final String FILE_NAME = "sweep.json";
    private static final long DRAW_PURPOSE = 0x5EEDL;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SweepPlan {
        devices = List.copyOf(devices);
        swept = List.copyOf(swept);
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        notes = List.copyOf(notes);
        trials = List.copyOf(trials);
    }

    public static SweepPlan expand(SweepSpec spec, TrainOptions train) {
        String where = "sweep file '" + spec.file() + "'";
        List<String> gridKeys = new ArrayList<>(spec.grid().keySet());
        List<String> randomKeys = new ArrayList<>(spec.random().keySet());
        long count;
        long gridPoints = 1;
        try {
            for (List<Object> values : spec.grid().values()) {
                gridPoints = Math.multiplyExact(gridPoints, values.size());
            }
            count = Math.multiplyExact(Math.multiplyExact(gridPoints, spec.trials()), Math.max(1, spec.seeds().size()));
        } catch (ArithmeticException e) {
            count = Long.MAX_VALUE;
        }
        if (count > MAX_TRIALS) {
            throw new IllegalArgumentException(where + " expands to " + (count == Long.MAX_VALUE ? "too many" : Long.toString(count))
                    + " trials (" + gridPoints + " grid points × " + spec.trials() + " random draws × " + Math.max(1, spec.seeds().size())
                    + " seeds); at most " + MAX_TRIALS + " are allowed");
        }
        List<Map<String, Object>> draws = new ArrayList<>();
        for (int d = 0; d < spec.trials(); d++) {
            Map<String, Object> draw = new LinkedHashMap<>();
            for (String key : randomKeys) {
                // String.hashCode is specified by the language, so the draws are the same on every JVM.
                SplittableRandom rng = new SplittableRandom(Seeds.mix(spec.sweepSeed(), DRAW_PURPOSE ^ key.hashCode(), d));
                draw.put(key, spec.random().get(key).draw(rng));
            }
            draws.add(draw);
        }
        List<Object> seeds = spec.seeds().isEmpty() ? Collections.singletonList(null) : new ArrayList<>(spec.seeds());
        Map<String, Object> base = new LinkedHashMap<>(spec.base());
        int width = TrialId.width(count);
        List<Trial> trials = new ArrayList<>();
        int[] odometer = new int[gridKeys.size()];
        for (long g = 0; g < gridPoints; g++) {
            for (Map<String, Object> draw : draws) {
                for (Object seed : seeds) {
                    Map<String, Object> swept = new LinkedHashMap<>();
                    for (int k = 0; k < gridKeys.size(); k++) {
                        swept.put(gridKeys.get(k), spec.grid().get(gridKeys.get(k)).get(odometer[k]));
                    }
                    swept.putAll(draw);
                    if (seed != null) {
                        swept.put("seed", seed);
                    }
                    Map<String, Object> options = new LinkedHashMap<>(base);
                    options.putAll(swept);
                    absolutePaths(options, train);
                    int index = trials.size();
                    trials.add(new Trial(index, TrialId.of(index, width, swept), swept, options));
                }
            }
            for (int k = gridKeys.size() - 1; k >= 0; k--) { // last grid key fastest
                if (++odometer[k] < spec.grid().get(gridKeys.get(k)).size()) {
                    break;
                }
                odometer[k] = 0;
            }
        }
        checkPathsExist(trials, spec, train, where);
        for (Trial t : trials) {
            train.check(t.options(), where + ", trial " + t.id());
        }
        List<String> swept = new ArrayList<>(gridKeys);
        swept.addAll(randomKeys);
        if (!spec.seeds().isEmpty()) {
            swept.add("seed");
        }
        Map<String, Object> axes = new LinkedHashMap<>();
        axes.put("base", spec.base());
        axes.put("grid", spec.grid());
        axes.put("random", Distribution.specs(spec.random()));
        axes.put("trials", spec.trials());
        axes.put("seeds", spec.seeds());
        return new SweepPlan(spec.file().toAbsolutePath().normalize().toString(), spec.metric(), spec.maximize(), spec.sweepSeed(),
                spec.devices().stream().map(DeviceSlot::name).toList(), swept, axes, spec.notes(), trials);
    }

    /** Relative paths mean the current directory (as for train --config); trials get absolute ones so that they run from anywhere. */
    private static void absolutePaths(Map<String, Object> options, TrainOptions train) {
        for (Map.Entry<String, Object> e : options.entrySet()) {
            if (train.isPath(e.getKey()) && e.getValue() instanceof String s) {
                e.setValue(Path.of(s).toAbsolutePath().normalize().toString());
            }
        }
    }

    /** A missing data file would fail every trial that names it: say so before running any. */
    private static void checkPathsExist(List<Trial> trials, SweepSpec spec, TrainOptions train, String where) {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Trial t : trials) {
            for (Map.Entry<String, Object> e : t.options().entrySet()) {
                if (train.isPath(e.getKey()) && e.getValue() instanceof String s && checked.put(s, e.getKey()) == null
                        && !Files.exists(Path.of(s))) {
                    String section = spec.random().containsKey(e.getKey()) ? "random" : spec.grid().containsKey(e.getKey()) ? "grid" : "base";
                    throw new DataException(where + ": " + section + ": '" + e.getKey() + "': " + s + " does not exist");
                }
            }
        }
    }

    /** The same trials with the workers' devices given on the command line (they decide, e.g., whether a Slurm task asks for a GPU). */
    public SweepPlan withDevices(List<String> devices) {
        return new SweepPlan(sweepFile, metric, maximize, sweepSeed, devices, swept, axes, notes, trials);
    }

    public SweepPlan withRanking(String metric, boolean maximize) {
        return new SweepPlan(sweepFile, metric, maximize, sweepSeed, devices, swept, axes, notes, trials);
    }

    /** Whether the two plans run the same trials (ids and options); ranking and devices may differ. */
    public boolean sameTrials(SweepPlan other) {
        try {
            return JSON.writeValueAsString(trialsJson()).equals(JSON.writeValueAsString(other.trialsJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first trial whose id or options differ from the other plan's, for messages; null when the trials are the same. */
    public String firstDifference(SweepPlan other) {
        if (trials.size() != other.trials.size()) {
            return other.trials.size() + " trials instead of " + trials.size();
        }
        for (int i = 0; i < trials.size(); i++) {
            Trial a = trials.get(i);
            Trial b = other.trials.get(i);
            if (!a.id().equals(b.id())) {
                return "trial " + i + " is " + b.id() + " instead of " + a.id();
            }
            JsonNode was = JSON.valueToTree(a.options());
            JsonNode now = JSON.valueToTree(b.options());
            if (!was.toString().equals(now.toString())) {
                Set<String> keys = new LinkedHashSet<>();
                was.fieldNames().forEachRemaining(keys::add);
                now.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    if (!String.valueOf(was.get(k)).equals(String.valueOf(now.get(k)))) {
                        return "trial " + a.id() + " has " + k + " " + now.get(k) + " instead of " + was.get(k);
                    }
                }
                return "trial " + a.id() + " has its options in another order";
            }
        }
        return null;
    }

    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("gn4j_sweep", 1);
        root.put("sweep_file", sweepFile);
        root.put("metric", metric);
        root.put("maximize", maximize);
        root.put("sweep_seed", sweepSeed);
        root.putPOJO("devices", devices);
        root.putPOJO("swept", swept);
        root.putPOJO("axes", axes);
        root.putPOJO("notes", notes);
        root.set("trials", trialsJson());
        AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
    }

    private ArrayNode trialsJson() {
        ArrayNode out = JSON.createArrayNode();
        for (Trial t : trials) {
            ObjectNode n = out.addObject();
            n.put("index", t.index());
            n.put("id", t.id());
            n.set("swept", JSON.valueToTree(t.swept()));
            n.set("options", JSON.valueToTree(t.options()));
        }
        return out;
    }

    public static SweepPlan read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("sweep plan '" + file + "' does not exist (gn4j sweep writes it as DIR/" + FILE_NAME + ")");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.has("gn4j_sweep") || !root.path("trials").isArray()) {
                throw new DataException("'" + file + "' is not a gn4j sweep plan (no gn4j_sweep and trials keys)");
            }
            TypeReference<LinkedHashMap<String, Object>> map = new TypeReference<>() {
            };
            TypeReference<List<String>> strings = new TypeReference<>() {
            };
            List<Trial> trials = new ArrayList<>();
            for (JsonNode t : root.get("trials")) {
                trials.add(new Trial(t.get("index").asInt(), t.get("id").asText(), JSON.convertValue(t.get("swept"), map),
                        JSON.convertValue(t.get("options"), map)));
            }
            return new SweepPlan(root.path("sweep_file").asText(), root.path("metric").asText(), root.path("maximize").asBoolean(),
                    root.path("sweep_seed").asLong(), JSON.convertValue(root.path("devices"), strings),
                    JSON.convertValue(root.path("swept"), strings), JSON.convertValue(root.path("axes"), map),
                    JSON.convertValue(root.path("notes"), strings), trials);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new DataException("sweep plan '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
