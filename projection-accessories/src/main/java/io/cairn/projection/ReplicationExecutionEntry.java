package io.cairn.projection;

import java.util.List;

/**
 * A replication execution (Harbor's {@code ReplicationExecution}): one run of a policy. It is
 * {@link #IN_PROGRESS} from its start until its engine writes how it finished; the task counts
 * follow its tasks' last states, kept here by the fold so a listing reads no tasks.
 *
 * @param trigger one of {@link #TRIGGERS}
 * @param status {@link #IN_PROGRESS}, or the final status it finished with (Harbor's words)
 * @param statusText why it finished so, or {@code null}
 * @param startTime when it was started (epoch millis)
 * @param endTime when it finished; 0 while in progress
 * @param stopRequested someone asked it to stop; it stays in progress until the engine has
 * @param total tasks written for it, whatever their status
 * @param inProgress tasks Pending or InProgress (Harbor counts both as in progress)
 */
public record ReplicationExecutionEntry(
    long executionId,
    long policyId,
    String trigger,
    String status,
    String statusText,
    long startTime,
    long endTime,
    boolean stopRequested,
    int total,
    int failed,
    int succeed,
    int inProgress,
    int stopped) {

  public static final String IN_PROGRESS = ReplicationTaskEntry.IN_PROGRESS;

  /** The statuses an execution finishes with. */
  public static final List<String> FINAL_STATUSES =
      List.of(
          ReplicationTaskEntry.SUCCEED, ReplicationTaskEntry.FAILED, ReplicationTaskEntry.STOPPED);

  public static final String MANUAL = "manual";
  public static final String SCHEDULED = "scheduled";
  public static final String EVENT_BASED = "event_based";

  /** What starts an execution, as Harbor names it. */
  public static final List<String> TRIGGERS = List.of(MANUAL, SCHEDULED, EVENT_BASED);

  /** Whether it has finished, however. */
  public boolean finished() {
    return !IN_PROGRESS.equals(status);
  }

  static ReplicationExecutionEntry started(long id, long policyId, String trigger, long at) {
    return new ReplicationExecutionEntry(
        id, policyId, trigger, IN_PROGRESS, null, at, 0, false, 0, 0, 0, 0, 0);
  }

  ReplicationExecutionEntry asStopRequested() {
    return new ReplicationExecutionEntry(
        executionId,
        policyId,
        trigger,
        status,
        statusText,
        startTime,
        endTime,
        true,
        total,
        failed,
        succeed,
        inProgress,
        stopped);
  }

  ReplicationExecutionEntry asFinished(String finalStatus, String text, long at) {
    return new ReplicationExecutionEntry(
        executionId,
        policyId,
        trigger,
        finalStatus,
        text,
        startTime,
        at,
        stopRequested,
        total,
        failed,
        succeed,
        inProgress,
        stopped);
  }

  /**
   * The counts after a task went from {@code before} (null: a new task) to {@code after}. A status
   * outside Harbor's counts only in {@link #total}.
   */
  ReplicationExecutionEntry withTaskMoved(String before, String after) {
    int[] counts = {failed, succeed, inProgress, stopped};
    if (before != null) {
      count(counts, before, -1);
    }
    count(counts, after, +1);
    return new ReplicationExecutionEntry(
        executionId,
        policyId,
        trigger,
        status,
        statusText,
        startTime,
        endTime,
        stopRequested,
        before == null ? total + 1 : total,
        counts[0],
        counts[1],
        counts[2],
        counts[3]);
  }

  private static void count(int[] counts, String status, int delta) {
    switch (status) {
      case ReplicationTaskEntry.FAILED -> counts[0] += delta;
      case ReplicationTaskEntry.SUCCEED -> counts[1] += delta;
      case ReplicationTaskEntry.PENDING, ReplicationTaskEntry.IN_PROGRESS -> counts[2] += delta;
      case ReplicationTaskEntry.STOPPED -> counts[3] += delta;
      default -> {
        // in total only
      }
    }
  }
}
