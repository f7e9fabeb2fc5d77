package dev.gn4j.cli;

import dev.gn4j.cli.sweep.TrainOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * gn4j train's options, for the sweep: names and types from TrainCommand's own picocli
 * spec, and a trial's options checked the way train itself will read them (ConfigFile
 * turns them into arguments, picocli converts the types, TrainCommand.resolve checks the
 * ranges), so a bad value fails the sweep before any trial runs.
 */
final class SweepCommandTrainOptions implements TrainOptions {
    private final CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();

    @Override
    public boolean known(String name) {
        return spec.findOption("--" + name) != null;
    }

    @Override
    public boolean isPath(String name) {
        OptionSpec o = spec.findOption("--" + name);
        return o != null && o.type() == Path.class;
    }

    @Override
    public void check(Map<String, Object> options, String where) {
        List<String> args = ConfigFile.toArguments(options, spec, where);
        TrainCommand cmd = new TrainCommand();
        CommandLine cl = new CommandLine(cmd);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args.toArray(String[]::new));
            cmd.resolve(null, false);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
