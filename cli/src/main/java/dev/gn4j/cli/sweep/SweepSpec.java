package dev.gn4j.cli.sweep;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep file, read and checked: the base options, the grid and random axes (in file
 * order), how many random draws, the seeds, and how to rank. Keys of base, grid and
 * random are gn4j train's flag names without dashes.
 *
 * @param trials    random draws crossed with the grid (1 when there is no random axis)
 * @param seeds     values of --seed crossed with everything else; empty for no seed axis
 * @param devices   the workers' devices, round-robin; empty to leave --device to the options
 * @param workers   worker processes, or null when the file does not say
 * @param notes     decisions taken while reading that the user should see (e.g. a key in both grid and random)
 */
public record SweepSpec(Path file, Map<String, Object> base, Map<String, List<Object>> grid, Map<String, Distribution> random,
                        int trials, List<Long> seeds, String metric, boolean maximize, long sweepSeed,
                        List<DeviceSlot> devices, Integer workers, List<String> notes) {
    public SweepSpec {
        base = Collections.unmodifiableMap(new LinkedHashMap<>(base));
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        random = Collections.unmodifiableMap(new LinkedHashMap<>(random));
        seeds = List.copyOf(seeds);
        devices = List.copyOf(devices);
        notes = List.copyOf(notes);
    }
}
