package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.RegistryEvent;
import io.cairn.events.ReplicationExecutionFinished;
import io.cairn.events.ReplicationExecutionStarted;
import io.cairn.events.ReplicationExecutionStopRequested;
import io.cairn.events.ReplicationPolicyCreated;
import io.cairn.events.ReplicationTaskUpdated;
import io.cairn.events.UserCreated;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replication executions and their tasks folded from events, in any order and twice. */
class ExecutionFoldTest {
  private final TestEvents e = new TestEvents();
  private final InMemoryState state = new InMemoryState();
  private final ExecutionView executions = new StateExecutionView(state);

  private void apply(Object payload) {
    state.apply(e.projectEvent("", payload));
  }

  private static ReplicationExecutionStarted started(long id, long policy, String trigger) {
    return new ReplicationExecutionStarted(id, policy, trigger);
  }

  private static ReplicationTaskUpdated task(long execution, long task, String status) {
    return task(execution, task, status, null);
  }

  private static ReplicationTaskUpdated task(long execution, long task, String status, String log) {
    return ReplicationTaskUpdated.newBuilder()
        .setExecutionId(execution)
        .setTaskId(task)
        .setKey("library/app sha256:" + task)
        .setStatus(status)
        .setSrcResource("library/app:[v" + task + "]")
        .setDstResource("mirror/app:[v" + task + "]")
        .setBytes(task * 100)
        .setLog(log)
        .build();
  }

  private static ReplicationExecutionFinished finished(long id, String status, String text) {
    return new ReplicationExecutionFinished(id, status, text);
  }

  private ReplicationExecutionEntry execution(long id) {
    return executions.execution(id).orElseThrow();
  }

  /** total, failed, succeed, in progress, stopped. */
  private static List<Integer> counts(ReplicationExecutionEntry x) {
    return List.of(x.total(), x.failed(), x.succeed(), x.inProgress(), x.stopped());
  }

  @Test
  void anExecutionRunsItsTasksAndFinishesWithCountsKeptByTheFold() {
    apply(started(1, 7, "manual"));
    ReplicationExecutionEntry begun = execution(1);
    assertEquals(7, begun.policyId());
    assertEquals("manual", begun.trigger());
    assertEquals("InProgress", begun.status());
    assertFalse(begun.finished());
    assertTrue(begun.startTime() > 0);
    assertEquals(0, begun.endTime());
    assertEquals(List.of(0, 0, 0, 0, 0), counts(begun));

    apply(task(1, 2, "Pending"));
    apply(task(1, 1, "InProgress"));
    apply(task(1, 3, "InProgress"));
    assertEquals(List.of(3, 0, 0, 3, 0), counts(execution(1)));
    apply(task(1, 1, "Succeed", "copied 3 blobs"));
    apply(task(1, 3, "Failed", "target said 403"));
    apply(task(1, 2, "Stopped"));
    assertEquals(List.of(3, 1, 1, 0, 1), counts(execution(1)));

    assertEquals(
        List.of(1L, 2L, 3L),
        executions.tasks(1).stream().map(ReplicationTaskEntry::taskId).toList(),
        "task id order, whatever order they were written in");
    ReplicationTaskEntry one = executions.task(1, 1).orElseThrow();
    assertEquals("library/app sha256:1", one.key());
    assertEquals("copy", one.operation());
    assertEquals("image", one.resourceType());
    assertEquals("library/app:[v1]", one.srcResource());
    assertEquals("mirror/app:[v1]", one.dstResource());
    assertEquals(100, one.bytes());
    assertTrue(one.done());
    assertTrue(one.startTime() > 0 && one.endTime() > one.startTime(), one.toString());
    assertEquals(Optional.of("copied 3 blobs"), executions.taskLog(1, 1));
    assertEquals(Optional.of("target said 403"), executions.taskLog(1, 3));
    assertEquals(Optional.empty(), executions.taskLog(1, 2));

    apply(finished(1, "Failed", "1 of 3 tasks failed"));
    ReplicationExecutionEntry done = execution(1);
    assertEquals("Failed", done.status());
    assertEquals("1 of 3 tasks failed", done.statusText());
    assertTrue(done.finished());
    assertTrue(done.endTime() > done.startTime());
    assertEquals(begun.startTime(), done.startTime());
  }

  @Test
  void aLaterUpdateReplacesTheTaskAndItsLogAndARepeatChangesNothing() {
    apply(started(1, 7, "scheduled"));
    apply(task(1, 1, "InProgress", "starting"));
    ReplicationTaskEntry running = executions.task(1, 1).orElseThrow();
    assertEquals(0, running.endTime());
    apply(task(1, 1, "Failed", "refused"));
    ReplicationTaskEntry failed = executions.task(1, 1).orElseThrow();
    assertEquals(running.startTime(), failed.startTime());
    assertEquals(Optional.of("refused"), executions.taskLog(1, 1));

    RegistryEvent again = e.projectEvent("", task(1, 1, "Failed", "refused"));
    state.apply(again);
    state.apply(again);
    assertEquals(List.of(1, 1, 0, 0, 0), counts(execution(1)), "a repeat moves no count");
    assertEquals(failed, executions.task(1, 1).orElseThrow(), "a repeat keeps the end time");

    apply(task(1, 1, "InProgress"));
    assertEquals(Optional.empty(), executions.taskLog(1, 1), "the update without a log has none");
    assertEquals(0, executions.task(1, 1).orElseThrow().endTime(), "retried: not ended");
    apply(task(1, 1, "Succeed"));
    assertEquals(List.of(1, 0, 1, 0, 0), counts(execution(1)));
  }

  @Test
  void eventsForAnExecutionNeverStartedAreIgnored() {
    apply(task(5, 1, "InProgress", "log"));
    apply(new ReplicationExecutionStopRequested(5L));
    apply(finished(5, "Succeed", null));
    assertTrue(executions.execution(5).isEmpty());
    assertEquals(List.of(), executions.tasks(5));
    assertTrue(executions.task(5, 1).isEmpty());
    assertTrue(executions.taskLog(5, 1).isEmpty());
    assertEquals(0, executions.highestExecutionId());

    apply(started(5, 7, "manual"));
    assertEquals(List.of(0, 0, 0, 0, 0), counts(execution(5)), "nothing was kept for later");
    assertFalse(execution(5).finished());
  }

  @Test
  void theFirstStartAndTheFirstFinishCount() {
    apply(started(1, 7, "manual"));
    long start = execution(1).startTime();
    apply(started(1, 9, "event_based"));
    assertEquals(7, execution(1).policyId());
    assertEquals("manual", execution(1).trigger());
    assertEquals(start, execution(1).startTime());

    apply(finished(1, "Succeed", null));
    ReplicationExecutionEntry first = execution(1);
    apply(finished(1, "Failed", "too late"));
    assertEquals(first, execution(1));
    assertNull(first.statusText());
  }

  @Test
  void aFinishWithoutAFinalStatusIsIgnored() {
    apply(started(1, 7, "manual"));
    apply(finished(1, "InProgress", "?"));
    apply(finished(1, "Done", "?"));
    assertFalse(execution(1).finished());
    assertEquals(List.of(1L), ids(executions.unfinished()));
  }

  @Test
  void anUpdateAfterTheFinishIsRecordedForTheTaskNotTheStatus() {
    apply(started(1, 7, "manual"));
    apply(task(1, 1, "InProgress"));
    apply(new ReplicationExecutionStopRequested(1L));
    assertTrue(execution(1).stopRequested());
    assertEquals("InProgress", execution(1).status(), "running until the engine has stopped");
    apply(finished(1, "Stopped", "stopped by admin"));
    ReplicationExecutionEntry stopped = execution(1);
    apply(task(1, 1, "Stopped", "interrupted"));

    ReplicationExecutionEntry after = execution(1);
    assertEquals("Stopped", after.status());
    assertEquals(stopped.endTime(), after.endTime());
    assertEquals(List.of(1, 0, 0, 0, 1), counts(after));
    assertEquals("Stopped", executions.task(1, 1).orElseThrow().status());
    assertEquals(Optional.of("interrupted"), executions.taskLog(1, 1));
  }

  @Test
  void aStopRequestForAFinishedExecutionChangesNothing() {
    apply(started(1, 7, "manual"));
    apply(finished(1, "Succeed", null));
    ReplicationExecutionEntry done = execution(1);
    apply(new ReplicationExecutionStopRequested(1L));
    assertEquals(done, execution(1));
    assertFalse(execution(1).stopRequested());
  }

  @Test
  void executionsListNewestFirstAndUnfinishedOldestFirst() {
    apply(started(2, 7, "manual"));
    apply(started(10, 7, "scheduled"));
    apply(started(3, 8, "event_based"));
    apply(finished(3, "Succeed", null));
    apply(started(11, 8, "manual"));
    apply(new ReplicationExecutionStopRequested(11L));

    assertEquals(List.of(11L, 10L, 3L, 2L), ids(executions.executions()));
    assertEquals(11, executions.highestExecutionId());
    assertEquals(List.of(2L, 10L, 11L), ids(executions.unfinished()));
    assertTrue(executions.unfinished().get(2).stopRequested());
  }

  @Test
  void tasksOfOneExecutionAreNotAnothersAndRowsOfOtherKindsAreApart() {
    apply(UserCreated.newBuilder().setUserId(3).setUsername("zed").setPasswordHash("h").build());
    apply(
        ReplicationPolicyCreated.newBuilder()
            .setPolicyId(1)
            .setName("p")
            .setDestRegistryId(4)
            .build());
    apply(started(1, 1, "manual"));
    apply(started(12, 1, "manual"));
    apply(task(1, 1, "Succeed", "one"));
    apply(task(12, 1, "Failed", "twelve"));
    apply(task(12, 2, "Pending"));

    assertEquals(List.of(1L), taskIds(1));
    assertEquals(List.of(1L, 2L), taskIds(12));
    assertEquals(Optional.of("twelve"), executions.taskLog(12, 1));
    assertEquals(12, executions.highestExecutionId());
    IdentityView identity = new StateIdentityView(state);
    assertEquals(List.of("zed"), identity.users().stream().map(UserEntry::username).toList());
    assertEquals(3, identity.highestUserId());
    PolicyView policies = new StatePolicyView(state);
    assertEquals(1, policies.highestPolicyId());
    assertEquals(1, policies.policies().size());
  }

  private List<Long> taskIds(long execution) {
    return executions.tasks(execution).stream().map(ReplicationTaskEntry::taskId).toList();
  }

  private static List<Long> ids(List<ReplicationExecutionEntry> list) {
    return list.stream().map(ReplicationExecutionEntry::executionId).toList();
  }
}
