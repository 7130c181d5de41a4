package io.cairn.replication.execution;

import java.util.List;

/**
 * Where a run reports what it does, in this order: {@link #planned} once, then for each task it
 * attempts {@link #started} and {@link #finished}. A task never attempted (stopped, or failed
 * because a registry became unreachable) gets {@link #finished} without {@link #started}; a task
 * skipped as done gets neither. {@link #planned} comes from the thread that runs the execution,
 * before any other call; a task's own calls come from one thread, in order. With a parallelism of
 * one ({@link ExecutionRunner}) calls come one at a time; with more, the calls of different tasks
 * come from as many threads at once, so an implementation must be thread-safe. An exception thrown
 * here ends the run (the caller could not record progress, so it should not go on): no further task
 * is begun or reported, and {@code run} throws it once those under way have ended.
 */
public interface ExecutionProgress {
  /** Every task of the plan, including those that will be skipped as done. */
  void planned(List<ReplicationTask> tasks);

  void started(ReplicationTask task);

  void finished(ReplicationTask task, TaskResult result);
}
