package dev.gn4j.engine.bench;

import dev.gn4j.engine.profile.Phase;

/** One line of a step's analytic cost: what is computed, in which phase, and its {@link Cost}. */
public record CostItem(Phase phase, String what, Cost cost) {
}
