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
 * runs/X/config.json}. The file becomes command-line arguments placed before the
 * real ones, so flags given explicitly override it.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("config file '" + file + "' does not exist");
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
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
                v.forEach(x -> items.add(x.asText()));
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

    /** The map as arguments for {@code spec}; unknown names are a usage error naming the file. */
    static List<String> toArguments(Map<String, Object> options, CommandSpec spec, String source) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            String key = e.getKey().startsWith("-") ? e.getKey() : "--" + e.getKey();
            OptionSpec opt = spec.findOption(key);
            if (opt == null) {
                throw new IllegalArgumentException(source + ": unknown option '" + e.getKey() + "'; see 'gn4j "
                        + spec.name() + " --help' for the names");
            }
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
