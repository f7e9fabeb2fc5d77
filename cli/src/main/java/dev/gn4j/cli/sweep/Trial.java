package dev.gn4j.cli.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial of a sweep: a full set of train options. Its folder is
 * {@code DIR/trials/<id>}, its options are written there as trial.json (a valid
 * {@code gn4j train --config} file).
 *
 * @param index   position in the plan, 0-based (the Slurm array index)
 * @param id      index and swept values, e.g. 0007-lr0.1-lambda0.01-seed2: stable across reruns
 * @param swept   the values of the swept options (grid, random, seed), in leaderboard column order
 * @param options every option given to train: base overridden by the swept values
 */
public record Trial(int index, String id, Map<String, Object> swept, Map<String, Object> options) {
    public Trial {
        swept = Collections.unmodifiableMap(new LinkedHashMap<>(swept));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
