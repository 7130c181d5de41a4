package io.cairn.projection;

import io.cairn.events.RegistryEvent;
import io.cairn.events.ReplicationExecutionFinished;
import io.cairn.events.ReplicationExecutionStarted;
import io.cairn.events.ReplicationExecutionStopRequested;
import io.cairn.events.ReplicationTaskUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The replication-execution part of the fold. Executions are registry-wide (event key {@link
 * Store#REGISTRY_WIDE}), so they live in {@link Store#USERS} beside the policies they run, under
 * three kinds of key with a {@link Store#SEP}, which no user name has:
 *
 * <pre>
 * replication-execution SEP id(19)             → ReplicationExecutionEntry
 * replication-task SEP execution(19) SEP id(19) → ReplicationTaskEntry
 * replication-task-log SEP execution(19) SEP id(19) → the task's log text
 * </pre>
 *
 * Ids are zero-padded, so an execution's tasks are one contiguous run in task id order. Logs are
 * rows of their own so that listing a thousand tasks does not read a thousand logs.
 *
 * <p>Events may come in any order and twice: what refers to an execution never started is ignored,
 * the first start and the first finish of an execution count, and a task update replaces the task's
 * row and moves the execution's counts from its old status to its new one, so applying the same
 * update again changes nothing.
 */
final class ExecutionFold {
  /** The first key part of every execution row in {@link Store#USERS}. */
  static final String KIND = "replication-execution";

  /** The first key part of every task row. */
  static final String TASK_KIND = "replication-task";

  /** The first key part of every task log row. */
  static final String LOG_KIND = "replication-task-log";

  private ExecutionFold() {}

  /** The row of execution {@code id}; zero-padded, so rows sort by id. */
  static String key(long id) {
    return Store.key(KIND, padded(id));
  }

  /** The prefix of every task row of execution {@code executionId}. */
  static String taskPrefix(long executionId) {
    return Store.prefix(TASK_KIND, padded(executionId));
  }

  static String taskKey(long executionId, long taskId) {
    return Store.key(TASK_KIND, padded(executionId), padded(taskId));
  }

  static String logKey(long executionId, long taskId) {
    return Store.key(LOG_KIND, padded(executionId), padded(taskId));
  }

  private static String padded(long id) {
    return String.format("%019d", id);
  }

  /** The changes for an execution event, or empty if {@code event} is not one. */
  static Optional<List<Change>> evolve(StateLookup state, RegistryEvent event) {
    Object payload = event.getPayload();
    long at = event.getOccurredAt().toEpochMilli();
    if (payload instanceof ReplicationExecutionStarted p) {
      return Optional.of(started(state, p, at));
    } else if (payload instanceof ReplicationTaskUpdated p) {
      return Optional.of(taskUpdated(state, p, at));
    } else if (payload instanceof ReplicationExecutionStopRequested p) {
      return Optional.of(stopRequested(state, p.getExecutionId()));
    } else if (payload instanceof ReplicationExecutionFinished p) {
      return Optional.of(finished(state, p, at));
    }
    return Optional.empty();
  }

  /** The first start of an id wins: a replay, or a second writer racing for it, changes nothing. */
  private static List<Change> started(StateLookup state, ReplicationExecutionStarted p, long at) {
    if (execution(state, p.getExecutionId()) != null) {
      return List.of();
    }
    return List.of(
        put(
            ReplicationExecutionEntry.started(
                p.getExecutionId(), p.getPolicyId(), p.getTrigger(), at)));
  }

  /**
   * Recorded even after the execution finished (a task's end may be written after a stop ended its
   * execution), so the counts stay those of the tasks; the execution's status does not change.
   */
  private static List<Change> taskUpdated(StateLookup state, ReplicationTaskUpdated p, long at) {
    ReplicationExecutionEntry execution = execution(state, p.getExecutionId());
    if (execution == null) {
      return List.of();
    }
    String taskKey = taskKey(p.getExecutionId(), p.getTaskId());
    ReplicationTaskEntry old =
        EntryCodec.decode(state.get(Store.USERS, taskKey), ReplicationTaskEntry.class);
    ReplicationTaskEntry task =
        new ReplicationTaskEntry(
            p.getExecutionId(),
            p.getTaskId(),
            p.getKey(),
            p.getStatus(),
            p.getOperation(),
            p.getResourceType(),
            p.getSrcResource(),
            p.getDstResource(),
            p.getBytes(),
            old == null ? at : old.startTime(),
            endTime(old, p.getStatus(), at));
    List<Change> changes = new ArrayList<>(3);
    changes.add(new Change.Put(Store.USERS, taskKey, EntryCodec.encode(task)));
    String logKey = logKey(p.getExecutionId(), p.getTaskId());
    changes.add(
        p.getLog() == null
            ? new Change.Delete(Store.USERS, logKey)
            : new Change.Put(Store.USERS, logKey, p.getLog()));
    changes.add(put(execution.withTaskMoved(old == null ? null : old.status(), p.getStatus())));
    return changes;
  }

  /** A task's end is when it first reached its final status; a repeat keeps that time. */
  private static long endTime(ReplicationTaskEntry old, String status, long at) {
    if (!ReplicationTaskEntry.isFinal(status)) {
      return 0;
    }
    return old != null && old.status().equals(status) ? old.endTime() : at;
  }

  /** Only a running execution can be asked to stop; asking again changes nothing. */
  private static List<Change> stopRequested(StateLookup state, long id) {
    ReplicationExecutionEntry execution = execution(state, id);
    if (execution == null || execution.finished() || execution.stopRequested()) {
      return List.of();
    }
    return List.of(put(execution.asStopRequested()));
  }

  /**
   * The first finish counts: a second one, or a replay, changes nothing; nor does one that names no
   * final status, which would leave the execution finished and in progress at once.
   */
  private static List<Change> finished(StateLookup state, ReplicationExecutionFinished p, long at) {
    ReplicationExecutionEntry execution = execution(state, p.getExecutionId());
    if (execution == null
        || execution.finished()
        || !ReplicationExecutionEntry.FINAL_STATUSES.contains(p.getStatus())) {
      return List.of();
    }
    return List.of(put(execution.asFinished(p.getStatus(), p.getStatusText(), at)));
  }

  private static ReplicationExecutionEntry execution(StateLookup state, long id) {
    return EntryCodec.decode(state.get(Store.USERS, key(id)), ReplicationExecutionEntry.class);
  }

  private static Change put(ReplicationExecutionEntry entry) {
    return new Change.Put(Store.USERS, key(entry.executionId()), EntryCodec.encode(entry));
  }
}
