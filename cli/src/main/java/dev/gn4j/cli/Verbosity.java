package dev.gn4j.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** -v / -q: the log level of gn4j's own loggers. */
final class Verbosity {
    @CommandLine.Option(names = {"-v", "--verbose"}, description = "More detail: debug logging, stack traces on errors.")
    boolean verbose;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "Only warnings and errors.")
    boolean quiet;

    void apply() {
        Logger root = (Logger) LoggerFactory.getLogger("dev.gn4j");
        root.setLevel(verbose ? Level.DEBUG : quiet ? Level.WARN : Level.INFO);
    }

    static boolean verbose(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p != null) {
            if (p.hasMatchedOption("-v")) {
                return true;
            }
            p = p.subcommand();
        }
        return false;
    }
}
