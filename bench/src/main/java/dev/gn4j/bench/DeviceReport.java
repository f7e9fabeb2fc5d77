package dev.gn4j.bench;

import java.util.List;

/**
 * A device of the matrix: its description and measured ceilings, or why it was skipped.
 *
 * @param skipped null when the device ran
 */
public record DeviceReport(String name, String description, List<Ceiling> ceilings, String skipped) {
    public DeviceReport {
        ceilings = List.copyOf(ceilings);
    }

    public Ceiling ceiling(String dtype) {
        return ceilings.stream().filter(c -> c.dtype().equals(dtype)).findFirst().orElse(null);
    }
}
