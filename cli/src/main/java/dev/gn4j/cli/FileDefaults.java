package dev.gn4j.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The default values that option files give a command: picocli asks it for every option the
 * command line leaves out, so flags override the files and the files override the built-in
 * defaults. Files are added from the bottom up (a resumed run's config.json, then --config),
 * each replacing the values beneath it whole: a list in --config replaces the saved list.
 */
final class FileDefaults implements IDefaultValueProvider {
    private final CommandSpec spec;
    /** Option long name → the value as the command line would spell it. */
    private final Map<String, String> values = new HashMap<>();

    FileDefaults(CommandSpec spec) {
        this.spec = spec;
    }

    /** Adds the options of a file on top of those added before; unknown names are a usage error naming the file. */
    FileDefaults add(Map<String, Object> options, String source) {
        ConfigFile.options(options, spec, source);
        for (Map.Entry<String, Object> e : options.entrySet()) {
            String name = ConfigFile.option(e.getKey(), spec).longestName();
            if (e.getValue() == null) {
                values.remove(name); // null in a file: the built-in default
            } else {
                values.put(name, ConfigFile.text(e.getValue())); // lists comma-joined, as the list options split them
            }
        }
        return this;
    }

    /** Whether a file gives this option. */
    boolean gives(OptionSpec option) {
        return values.containsKey(option.longestName());
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return arg instanceof OptionSpec o ? values.get(o.longestName()) : null;
    }

}
