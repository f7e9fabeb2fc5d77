package dev.gn4j.engine.data;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs found on a search path (the PATH environment variable in production),
 * with a time limit, so that an unreachable network cannot hang a fetch forever.
 */
public final class PathCommandRunner implements CommandRunner {
    private final List<Path> searchPath;
    private final Duration timeout;

    public PathCommandRunner(List<Path> searchPath, Duration timeout) {
        this.searchPath = List.copyOf(searchPath);
        this.timeout = timeout;
    }

    /** Programs on the PATH of this environment. */
    public static PathCommandRunner fromEnvironment(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        return new PathCommandRunner(dirs, Duration.ofMinutes(10));
    }

    @Override
    public Result run(List<String> command, Path workDir) throws IOException {
        Path program = find(command.get(0));
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, program.toString());
        Path log = Files.createTempFile(workDir, ".client-", ".log");
        ProcessBuilder pb = new ProcessBuilder(resolved).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The child searches the same path (npm's launcher needs node from it).
        pb.environment().put("PATH", String.join(File.pathSeparator, searchPath.stream().map(Path::toString).toList()));
        Process p = pb.start();
        p.getOutputStream().close(); // nothing to answer: a client that asks a question fails instead of waiting
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
        String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(p.exitValue(), output.length() > 4000 ? output.substring(output.length() - 4000) : output);
    }

    private Path find(String name) throws IOException {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException(name + " is not installed (not found on the PATH)");
    }
}
