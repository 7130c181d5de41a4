package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/**
 * Replication executions and their tasks, as folded from events. Thread-safe; reads reflect every
 * event the local projection has applied.
 */
public interface ExecutionView {

  /** Execution {@code id}; empty if it was never started. */
  Optional<ReplicationExecutionEntry> execution(long id);

  /** Every execution, newest (highest id) first. */
  List<ReplicationExecutionEntry> executions();

  /** The highest execution id ever given; 0 if none. */
  long highestExecutionId();

  /** The tasks of execution {@code executionId}, in task id order; empty for an unknown one. */
  List<ReplicationTaskEntry> tasks(long executionId);

  /** Task {@code taskId} of execution {@code executionId}, if it was ever written. */
  Optional<ReplicationTaskEntry> task(long executionId, long taskId);

  /**
   * The log text of that task as its last update gave it; empty if the task is unknown or its last
   * update carried none.
   */
  Optional<String> taskLog(long executionId, long taskId);

  /**
   * Executions started and not finished, oldest first: what an engine resumes after a restart
   * (those with {@link ReplicationExecutionEntry#stopRequested()} only to finish as stopped).
   */
  List<ReplicationExecutionEntry> unfinished();
}
