package dev.gn4j.bench;

import java.util.List;

/**
 * Everything one {@code gn4j bench} invocation measured, as written to bench.json.
 *
 * @param hostMemcpyGbs the host's native memcpy rate (NaN when the CPU was not benchmarked)
 */
public record BenchResults(String date, String version, MachineInfo machine, double hostMemcpyGbs, String loadAverageAfter,
                           BenchOptions options,
                           List<DeviceReport> devices, List<ConfigResult> results, List<Skip> skipped, List<Ratio> ratios) {
    public BenchResults {
        devices = List.copyOf(devices);
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
        ratios = List.copyOf(ratios);
    }

    public DeviceReport device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }
}
