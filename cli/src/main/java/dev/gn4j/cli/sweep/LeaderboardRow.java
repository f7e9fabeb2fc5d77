package dev.gn4j.cli.sweep;

/**
 * One trial on the leaderboard.
 *
 * @param rank        1 for the best; null for a trial that cannot be ranked (not finished, or no finite metric)
 * @param metric      the ranking key from summary.json, null when absent or not a number
 * @param steps       steps run (summary.json), null without a summary
 * @param wallSeconds training wall time (summary.json), null without a summary
 * @param failure     the record of error.txt for a failed trial, else null
 */
public record LeaderboardRow(Integer rank, Trial trial, TrialStatus status, Double metric, Long steps, Double wallSeconds,
                             TrialFailure failure) {
}
