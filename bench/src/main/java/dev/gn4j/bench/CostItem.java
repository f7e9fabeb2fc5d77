package dev.gn4j.bench;

import dev.gn4j.engine.profile.Phase;

/** One line of a step's counted cost: a backend operation (with its number of calls), its phase and its {@link Cost}. */
public record CostItem(Phase phase, String what, Cost cost) {
}
