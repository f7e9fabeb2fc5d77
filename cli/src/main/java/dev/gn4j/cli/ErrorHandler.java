package dev.gn4j.cli;

import dev.gn4j.engine.backend.DeviceUnavailable;
import dev.gn4j.engine.backend.ShapeMismatch;
import dev.gn4j.engine.curvature.NumericalFailure;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.memory.InsufficientMemory;
import java.io.IOException;
import picocli.CommandLine;

/**
 * Turns failures into one or two plain sentences on stderr and DESIGN.md's exit
 * codes; the stack trace only with -v.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        int code;
        String message;
        if (ex instanceof DataException) {
            code = Main.DATA;
            message = ex.getMessage();
        } else if (ex instanceof DeviceUnavailable) {
            code = Main.DEVICE;
            message = ex.getMessage();
        } else if (ex instanceof NumericalFailure) {
            code = Main.NUMERICAL;
            message = "numerical failure: " + ex.getMessage();
        } else if (ex instanceof ShapeMismatch) {
            // A backend's shape contract broken by gn4j's own code: a bug, not a flag to fix.
            code = 1;
            message = "internal error (a backend shape contract): " + ex.getMessage() + "; please report it with the command line, and -v for the stack";
        } else if (ex instanceof InsufficientMemory) {
            code = Main.RESOURCES;
            message = ex.getMessage();
        } else if (ex instanceof IllegalArgumentException) {
            code = Main.USAGE;
            message = ex.getMessage();
        } else if (ex instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            code = Main.DATA;
            message = "I/O error: cannot access '" + f.getFile() + "': " + dev.gn4j.engine.io.AtomicFiles.reason(f);
        } else if (ex instanceof IOException) {
            code = Main.DATA;
            message = "I/O error: " + ex.getMessage();
        } else {
            code = 1;
            message = "internal error: " + ex;
        }
        System.err.println("gn4j: " + message);
        if (Verbosity.verbose(parsed)) {
            ex.printStackTrace(System.err);
        }
        return code;
    }

    /** Bad flags: the message, then a hint to --help, exit 2. */
    static final class Usage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            System.err.println("gn4j: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, System.err);
            System.err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
            return Main.USAGE;
        }
    }
}
