package io.cairn.replication.execution;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.replication.execution.TaskResult.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Records what a run reports, in order; {@code afterFinished} runs after each finished task.
 * Thread-safe, for parallel runs.
 */
final class Recorder implements ExecutionProgress {
  final Consumer<ReplicationTask> afterFinished;
  Consumer<ReplicationTask> onStart = task -> {};
  int plannedCalls;
  List<ReplicationTask> planned = List.of();
  final List<ReplicationTask> started = new ArrayList<>();
  final Map<String, TaskResult> results = new LinkedHashMap<>();

  Recorder() {
    this(task -> {});
  }

  Recorder(Consumer<ReplicationTask> afterFinished) {
    this.afterFinished = afterFinished;
  }

  @Override
  public synchronized void planned(List<ReplicationTask> tasks) {
    plannedCalls++;
    planned = tasks;
  }

  @Override
  public void started(ReplicationTask task) {
    synchronized (this) {
      started.add(task);
    }
    onStart.accept(task); // outside the lock: it may wait for other tasks to start
  }

  @Override
  public void finished(ReplicationTask task, TaskResult result) {
    synchronized (this) {
      assertFalse(results.containsKey(task.key()), "finished twice: " + task);
      results.put(task.key(), result);
    }
    afterFinished.accept(task);
  }

  Set<String> doneKeys() {
    Set<String> done = new HashSet<>();
    results.forEach(
        (key, result) -> {
          if (result.status() == Status.SUCCEED) {
            done.add(key);
          }
        });
    return done;
  }

  TaskResult resultOf(String srcRepository) {
    return planned.stream()
        .filter(t -> t.srcRepository().equals(srcRepository))
        .map(t -> results.get(t.key()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task for " + srcRepository));
  }
}
