package io.cairn.replication.execution;

import java.util.List;

/**
 * Where a run reports what it does, in this order: {@link #planned} once, then for each task it
 * attempts {@link #started} and {@link #finished}. A task never attempted (stopped, or failed
 * because a registry became unreachable) gets {@link #finished} without {@link #started}; a task
 * skipped as done gets neither. Calls come from the thread that runs the execution, one at a time.
 * An exception thrown here ends the run (the caller could not record progress, so it should not go
 * on).
 */
public interface ExecutionProgress {
  /** Every task of the plan, including those that will be skipped as done. */
  void planned(List<ReplicationTask> tasks);

  void started(ReplicationTask task);

  void finished(ReplicationTask task, TaskResult result);
}
