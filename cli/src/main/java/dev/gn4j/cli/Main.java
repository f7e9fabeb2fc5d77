package dev.gn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The gn4j command line. Exit codes: 0 ok, 2 usage, 3 data, 4 device, 5 numerical failure, 6 out of memory, 130 interrupted. */
@Command(name = "gn4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train neural networks with Gauss-Newton-family optimizers (EGN, GGN, SMW-GN, SMW-NG, LM) "
                + "and the SGD and Adam baselines, on the GPU or the CPU.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, InfoCommand.class, DataCommand.class, BenchCommand.class, SweepCommand.class, CompareCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int DATA = 3;
    public static final int DEVICE = 4;
    public static final int NUMERICAL = 5;
    /** The machine's memory cannot hold what was asked for. */
    public static final int RESOURCES = 6;
    public static final int INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int run(String... args) {
        return execute(commandLine(), args);
    }

    /** The gn4j command line with its error handlers, ready to execute. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler.Usage());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        return cl;
    }

    /** Executes {@code args} on {@code cl}, mapping an out-of-memory error that escapes every command to its exit code. */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // What the size checks before allocation did not foresee: one sentence, the documented code.
            System.err.println("gn4j: out of memory (" + e.getMessage() + "): use a smaller --model, --batch or data file, "
                    + "or give Java more memory (GN4J_JAVA_OPTS=-Xmx...)");
            if (java.util.Arrays.asList(args).contains("-v") || java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(System.err);
            }
            return RESOURCES;
        }
    }
}
