package io.cairn.replication.execution;

/**
 * The counts of a finished run, for the execution's summary. {@code total} is every planned task:
 * {@code succeeded + failed + stopped + skippedAsDone}.
 *
 * @param total tasks planned
 * @param succeeded tasks copied in this run
 * @param failed tasks that failed in this run (the target refused, or retries ran out)
 * @param stopped tasks not finished because a stop was requested
 * @param skippedAsDone tasks skipped because an earlier run of this execution finished them
 * @param bytes blob bytes pushed in this run
 */
public record Outcome(
    int total, int succeeded, int failed, int stopped, int skippedAsDone, long bytes) {
  /** A run stopped before it knew what to do: nothing planned, nothing done. */
  static final Outcome NOTHING = new Outcome(0, 0, 0, 0, 0, 0);
}
