package dev.gn4j.bench;

import dev.gn4j.engine.profile.Phase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The FLOPs and bytes of one optimizer step as a {@link CountingBackend} counted them: one
 * item per operation and phase (its calls summed), and the work done outside every phase.
 */
public final class StepCost {
    private final List<CostItem> items;
    private final Cost unattributed;

    StepCost(List<CostItem> items, Cost unattributed) {
        this.items = List.copyOf(items);
        this.unattributed = unattributed;
    }

    public List<CostItem> items() {
        return items;
    }

    /** Work the step did outside every phase; the optimizers put all of it in one, so this is zero. */
    public Cost unattributed() {
        return unattributed;
    }

    /** The summed cost of each phase (phases with no work are absent). */
    public Map<Phase, Cost> byPhase() {
        Map<Phase, Cost> out = new EnumMap<>(Phase.class);
        for (CostItem item : items) {
            out.merge(item.phase(), item.cost(), Cost::plus);
        }
        return out;
    }

    public Cost phase(Phase phase) {
        return byPhase().getOrDefault(phase, Cost.ZERO);
    }

    /** The cost of one backend operation (all its calls) in a phase; zero when it did not run there. */
    public Cost op(Phase phase, String op) {
        Cost sum = Cost.ZERO;
        for (CostItem item : items) {
            if (item.phase() == phase && (item.what().equals(op) || item.what().startsWith(op + " ×"))) {
                sum = sum.plus(item.cost());
            }
        }
        return sum;
    }

    public Cost total() {
        Cost sum = unattributed;
        for (CostItem item : items) {
            sum = sum.plus(item.cost());
        }
        return sum;
    }
}
