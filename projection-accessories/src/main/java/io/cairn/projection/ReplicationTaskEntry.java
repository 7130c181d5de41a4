package io.cairn.projection;

import java.util.List;

/**
 * One task of a replication execution (Harbor's {@code ReplicationTask}): the last state its engine
 * wrote. Its log is kept apart ({@link ExecutionView#taskLog}), so listing tasks reads no logs.
 *
 * @param key stable per (source repository, digest): what a resumed execution checks to skip work
 *     already done
 * @param status one of {@link #STATUSES}, Harbor's words
 * @param bytes bytes sent to the destination so far
 * @param startTime when the first update of this task was written (epoch millis)
 * @param endTime when the update that made it final was written; 0 while it is not final
 */
public record ReplicationTaskEntry(
    long executionId,
    long taskId,
    String key,
    String status,
    String operation,
    String resourceType,
    String srcResource,
    String dstResource,
    long bytes,
    long startTime,
    long endTime) {

  public static final String PENDING = "Pending";
  public static final String IN_PROGRESS = "InProgress";
  public static final String SUCCEED = "Succeed";
  public static final String FAILED = "Failed";
  public static final String STOPPED = "Stopped";

  /** Every task status Harbor shows; the last three are final. */
  public static final List<String> STATUSES =
      List.of(PENDING, IN_PROGRESS, SUCCEED, FAILED, STOPPED);

  /** Whether {@code status} is one a task ends in. */
  public static boolean isFinal(String status) {
    return SUCCEED.equals(status) || FAILED.equals(status) || STOPPED.equals(status);
  }

  /** Whether this task has ended (and will not be run again when its execution resumes). */
  public boolean done() {
    return isFinal(status);
  }
}
