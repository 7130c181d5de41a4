package io.cairn.api.replication;

import io.cairn.api.Backend;
import io.cairn.api.RequestEvents;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.RegistryEvent;
import io.cairn.events.ReplicationExecutionFinished;
import io.cairn.events.ReplicationExecutionStarted;
import io.cairn.events.ReplicationExecutionStopRequested;
import io.cairn.events.ReplicationTaskUpdated;
import io.cairn.projection.ExecutionView;
import io.cairn.projection.ReplicationExecutionEntry;
import io.cairn.projection.ReplicationTaskEntry;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way replication executions are written: {@link ExecutionRoutes} starts and stops them,
 * the engine that runs them reports tasks and the end. Each method writes one registry-wide event
 * and completes once reads see it. Starts take the next execution id in the replication API's
 * {@link SerialWrites}, so ids are never given twice within an instance. Thread-safe.
 *
 * <p>Values outside Harbor's words (a trigger, a status, an operation) are the caller's bug: they
 * throw {@link IllegalArgumentException} before anything is written.
 */
public final class ExecutionRecorder {
  /** The most log text one task update carries, in UTF-8 bytes. */
  public static final int LOG_LIMIT = 8 * 1024;

  /** Who writes what the engine does: a system component, as start-up's writes are. */
  static final Actor ENGINE = new Actor(ActorKind.SYSTEM, "replication");

  private static final List<String> OPERATIONS = List.of("copy", "deletion");

  private final Backend backend;
  private final ExecutionView executions;
  private final SerialWrites writes;

  /**
   * @param writes the replication API's, shared with {@link PolicyRoutes}: a start sees every
   *     earlier policy change of this instance
   */
  public ExecutionRecorder(Backend backend, ExecutionView executions, SerialWrites writes) {
    this.backend = backend;
    this.executions = executions;
    this.writes = writes;
  }

  /**
   * Starts an execution of {@code policyId} as the engine (a scheduled or event-based run). Checks
   * nothing about the policy: the caller has it in hand.
   *
   * @param trigger one of {@link ReplicationExecutionEntry#TRIGGERS}
   * @return the new execution's id
   */
  public Future<Long> started(long policyId, String trigger) {
    return started(ENGINE, policyId, trigger, () -> {});
  }

  /**
   * Starts an execution as {@code actor}, once {@code precondition} (run in turn with the other
   * replication writes, so it sees them all) has not thrown; what it throws fails the future.
   */
  Future<Long> started(Actor actor, long policyId, String trigger, Runnable precondition) {
    require(ReplicationExecutionEntry.TRIGGERS, trigger, "trigger");
    return writes.run(
        () -> {
          precondition.run();
          long id = executions.highestExecutionId() + 1;
          return backend
              .recordRegistry(actor, new ReplicationExecutionStarted(id, policyId, trigger))
              .map(id);
        });
  }

  /**
   * Records a run that already happened, as the event-based replication connector reports it: the
   * start, every task in its final state and the end, in one write, so no reader ever sees it
   * unfinished. Succeeds with the new execution's id. The caller validated the tasks' words.
   *
   * @param tasks each task's final state; their execution and task ids are assigned here
   */
  Future<Long> recordedRun(long policyId, List<ReplicationTaskUpdated> tasks) {
    for (ReplicationTaskUpdated task : tasks) {
      require(ReplicationExecutionEntry.FINAL_STATUSES, task.getStatus(), "task status");
      require(OPERATIONS, task.getOperation(), "operation");
    }
    boolean failed =
        tasks.stream().anyMatch(t -> ReplicationTaskEntry.FAILED.equals(t.getStatus()));
    return writes.run(
        () -> {
          long id = executions.highestExecutionId() + 1;
          RequestEvents.Batch batch = backend.events().begin(ENGINE);
          List<RegistryEvent> events = new ArrayList<>();
          events.add(
              batch.registry(
                  new ReplicationExecutionStarted(
                      id, policyId, ReplicationExecutionEntry.EVENT_BASED)));
          long taskId = 0;
          for (ReplicationTaskUpdated task : tasks) {
            events.add(
                batch.registry(
                    ReplicationTaskUpdated.newBuilder(task)
                        .setExecutionId(id)
                        .setTaskId(++taskId)
                        .setLog(bounded(task.getLog()))
                        .build()));
          }
          events.add(
              batch.registry(
                  new ReplicationExecutionFinished(
                      id,
                      failed ? ReplicationTaskEntry.FAILED : ReplicationTaskEntry.SUCCEED,
                      tasks.size() + (tasks.size() == 1 ? " task" : " tasks") + ", event-based")));
          return backend.writer().write(events).map(id);
        });
  }

  /**
   * Records a task's whole state, at its start and at its end; the later update replaces the
   * earlier. A log over {@link #LOG_LIMIT} keeps its end (where a failure says why), marked cut.
   */
  public Future<Void> taskUpdated(ReplicationTaskUpdated update) {
    require(ReplicationTaskEntry.STATUSES, update.getStatus(), "task status");
    require(OPERATIONS, update.getOperation(), "operation");
    ReplicationTaskUpdated bounded =
        ReplicationTaskUpdated.newBuilder(update).setLog(bounded(update.getLog())).build();
    return backend.recordRegistry(ENGINE, bounded);
  }

  /**
   * Records how an execution ended; only the first end of an execution counts.
   *
   * @param status one of {@link ReplicationExecutionEntry#FINAL_STATUSES}
   * @param statusText why, for people; may be {@code null}
   */
  public Future<Void> finished(long executionId, String status, String statusText) {
    require(ReplicationExecutionEntry.FINAL_STATUSES, status, "final status");
    return backend.recordRegistry(
        ENGINE, new ReplicationExecutionFinished(executionId, status, statusText));
  }

  /** Asks the engine to stop execution {@code executionId}, on behalf of {@code actor}. */
  Future<Void> stopRequested(Actor actor, long executionId) {
    return backend.recordRegistry(actor, new ReplicationExecutionStopRequested(executionId));
  }

  /**
   * {@code log} in at most {@link #LOG_LIMIT} bytes of UTF-8: its end, after a line saying how much
   * there was, never splitting a character.
   */
  static String bounded(String log) {
    if (log == null) {
      return null;
    }
    byte[] utf8 = log.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= LOG_LIMIT) {
      return log;
    }
    String marker = "[log cut to its end: " + utf8.length + " bytes in all]\n";
    int from = utf8.length - (LOG_LIMIT - marker.length()); // the marker is ASCII
    while ((utf8[from] & 0xC0) == 0x80) { // a UTF-8 continuation byte: not a character's start
      from++;
    }
    return marker + new String(utf8, from, utf8.length - from, StandardCharsets.UTF_8);
  }

  private static void require(List<String> allowed, String value, String what) {
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(what + " is one of " + allowed + ", not " + value);
    }
  }
}
