package dev.gn4j.cli;

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
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options from a file: YAML or JSON, keys are the long flag names without dashes
 * ({@code lr: 0.1}, {@code line-search: true}). A run's config.json is accepted too
 * (its "options" object), so any run can be repeated with {@code --config
 * runs/X/config.json}. gn4j train reads the file as picocli default values
 * ({@link FileDefaults}), so flags given explicitly override it; a sweep turns its
 * options into a trial's arguments ({@link #toArguments}).
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("config file '" + file + "' does not exist");
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        // JSON only when the name says so; any other name is read as YAML, which also reads JSON.
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new DataException("config file '" + file + "' is not valid " + (mapper.getFactory() instanceof YAMLFactory ? "YAML" : "JSON")
                    + ": " + msg);
        }
        if (root != null && root.has("options") && root.get("options").isObject()) {
            root = root.get("options");
        }
        if (root == null || !root.isObject()) {
            throw new DataException("config file '" + file + "' must hold a map of option names to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode x : v) {
                    if (x.isContainerNode()) {
                        throw new DataException("config file '" + file + "': option '" + e.getKey()
                                + "' is a list of lists or maps; give a flat list, e.g. " + e.getKey() + ": [a, b]");
                    }
                    items.add(x.asText());
                }
                value = items;
            } else if (v.isContainerNode()) {
                throw new DataException("config file '" + file + "': option '" + e.getKey() + "' must be a value or a list");
            } else {
                value = v.asText();
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    /** An option value as text, for comparison with the file's: lists comma-joined, null as null. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return String.join(",", list.stream().map(Object::toString).toList());
        }
        return v.toString();
    }

    /** The option a key names ({@code lr} or {@code --lr}), or null. */
    static OptionSpec option(String key, CommandSpec spec) {
        return spec.findOption(key.startsWith("-") ? key : "--" + key);
    }

    /** The options the map sets; unknown names are a usage error naming the file. */
    static java.util.Set<OptionSpec> options(Map<String, Object> options, CommandSpec spec, String source) {
        java.util.Set<OptionSpec> out = new java.util.HashSet<>();
        for (String key : options.keySet()) {
            OptionSpec opt = option(key, spec);
            if (opt == null) {
                throw unknown(key, spec, source);
            }
            out.add(opt);
        }
        return out;
    }

    private static IllegalArgumentException unknown(String key, CommandSpec spec, String source) {
        return new IllegalArgumentException(source + ": unknown option '" + key + "'; see 'gn4j " + spec.name()
                + " --help' for the names");
    }

    /** The map as arguments for {@code spec}; unknown names are a usage error naming the file. */
    static List<String> toArguments(Map<String, Object> options, CommandSpec spec, String source) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            OptionSpec opt = option(e.getKey(), spec);
            if (opt == null) {
                throw unknown(e.getKey(), spec, source);
            }
            String key = opt.longestName();
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (opt.arity().max() == 0) {
                boolean on = v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
                if (on) {
                    args.add(key);
                } else if (opt.negatable()) {
                    args.add("--no-" + key.substring(2));
                }
            } else {
                args.add(key);
                args.add(v instanceof List<?> list ? String.join(",", list.stream().map(Object::toString).toList()) : v.toString());
            }
        }
        return args;
    }
}
