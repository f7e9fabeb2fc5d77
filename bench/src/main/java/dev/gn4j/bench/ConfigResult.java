package dev.gn4j.bench;

import dev.gn4j.engine.profile.Phase;
import java.util.Map;

/**
 * The measurements of one configuration.
 *
 * @param warmupSteps untimed steps run first
 * @param stepMs plain steps, each timed as a whole (one device wait at its end)
 * @param profiledStepMs the profiled steps as a whole: the plain step plus the cost of waiting at every phase boundary
 * @param phaseMs each phase's exclusive time in the profiled steps
 * @param unattributedMs the profiled steps' time between phases
 * @param lossEvaluations mean trial evaluations per step (line search)
 * @param fallbacks Cholesky fallbacks over all timed steps (each one changes the cost)
 * @param cost one step's FLOPs and bytes as counted from its backend calls (trials and fallbacks included)
 * @param solver the solver the cell ran and why, --solver auto resolved as gn4j train resolves it (null for sgd and adam)
 * @param modelledBytes the step's working memory as gn4j train's memory plan counts it before allocating
 */
public record ConfigResult(BenchConfig config, int warmupSteps, Spread stepMs, Spread profiledStepMs, Map<Phase, Spread> phaseMs,
                           Spread unattributedMs, double lossEvaluations, int fallbacks, StepCost cost,
                           dev.gn4j.engine.curvature.SolverPlan solver, long modelledBytes) {

    public ConfigResult {
        phaseMs = Map.copyOf(phaseMs);
    }

    /** Achieved GFLOP/s of the whole step at its median time. */
    public double gflops() {
        return cost.total().flops() / (stepMs.median() * 1e-3) / 1e9;
    }

    /** Achieved GB/s of compulsory traffic at the median step time. */
    public double gbs() {
        return cost.total().bytes() / (stepMs.median() * 1e-3) / 1e9;
    }

    public double phaseGflops(Phase phase) {
        Spread t = phaseMs.get(phase);
        return t == null || !(t.median() > 0) ? Double.NaN : cost.phase(phase).flops() / (t.median() * 1e-3) / 1e9;
    }

    public double phaseGbs(Phase phase) {
        Spread t = phaseMs.get(phase);
        return t == null || !(t.median() > 0) ? Double.NaN : cost.phase(phase).bytes() / (t.median() * 1e-3) / 1e9;
    }
}
