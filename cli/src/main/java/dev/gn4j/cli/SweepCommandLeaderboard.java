package dev.gn4j.cli;

import dev.gn4j.cli.sweep.SweepPlan;
import dev.gn4j.cli.sweep.SweepResults;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "leaderboard", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Rank the trials of a sweep folder as they stand (after a Slurm array, during a sweep, or by another "
                + "metric): writes DIR/leaderboard.csv, DIR/best.yaml and DIR/top.png and prints the best trials.",
        footer = {"", "Exit codes: 0 at least one trial finished, 2 no finished trial has the metric,",
                "otherwise the exit code the failed trials share (2-5), else 5."})
final class SweepCommandLeaderboard implements Callable<Integer> {
    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder (it holds sweep.json).")
    Path out;

    @Option(names = "--metric", paramLabel = "KEY", description = "Rank by this summary.json key instead of the sweep file's metric.")
    String metric;

    @Option(names = "--maximize", negatable = true, description = "Highest first (--no-maximize: lowest first). Default: as in the sweep file.")
    Boolean maximize;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rows of the printed table. Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        SweepPlan plan = SweepPlan.read(out.resolve("sweep.json"));
        if (metric != null || maximize != null) {
            plan = plan.withRanking(metric != null ? metric.trim() : plan.metric(), maximize != null ? maximize : plan.maximize());
        }
        return SweepResults.publish(plan, out, Math.max(0, top), System.out, System.err);
    }
}
