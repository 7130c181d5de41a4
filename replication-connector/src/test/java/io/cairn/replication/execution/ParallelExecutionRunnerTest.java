package io.cairn.replication.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.replication.copy.ArtifactCopier;
import io.cairn.replication.execution.TaskResult.Status;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Executions that copy several tasks at once, between the same real registries. */
class ParallelExecutionRunnerTest extends ExecutionRunnerFixture {
  @Test
  void tasksRunInParallelAndCopyTheSameAsOneAtATime() throws Exception {
    // Each task waits at its start for all four to have started: one at a time would never get
    // past the first.
    CountDownLatch allStarted = new CountDownLatch(4);
    AtomicBoolean overlapped = new AtomicBoolean(true);
    Recorder progress = new Recorder();
    progress.onStart =
        task -> {
          allStarted.countDown();
          try {
            if (!allStarted.await(10, TimeUnit.SECONDS)) {
              overlapped.set(false);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    Outcome outcome =
        runner(source, target, ResourceFilter.ALL, "parallel", 4)
            .run(Set.of(), () -> false, progress);

    assertTrue(overlapped.get(), "the four tasks were under way at once");
    assertEquals(new Outcome(4, 4, 0, 0, 0, outcome.bytes()), outcome);
    assertEquals(Set.copyOf(progress.planned), Set.copyOf(progress.started));
    assertWholeCopyUnder("parallel");
  }

  @Test
  void aStopInAParallelRunLetsThoseUnderWayEndAndStopsTheRest() throws IOException {
    AtomicBoolean stop = new AtomicBoolean();
    Recorder progress = new Recorder(task -> stop.set(true));
    Outcome outcome =
        runner(source, target, ResourceFilter.ALL, "parallel-stop", 2)
            .run(Set.of(), stop::get, progress);

    // the first to end asks the stop before its thread takes another: two began, two did not
    assertEquals(new Outcome(4, 2, 0, 2, 0, outcome.bytes()), outcome);
    assertEquals(2, progress.started.size());
    for (ReplicationTask task : progress.planned) {
      TaskResult result = progress.results.get(task.key());
      if (progress.started.contains(task)) {
        assertEquals(Status.SUCCEED, result.status(), result.log());
      } else {
        assertEquals(Status.STOPPED, result.status());
        assertTrue(result.log().contains("stopped before it started"), result.log());
      }
    }
  }

  @Test
  void anInterruptOfTheCallerEndsAParallelRunPromptlyAndReportsEveryTask() throws Exception {
    Recorder progress = new Recorder();
    AtomicReference<Thread> caller = new AtomicReference<>();
    progress.onStart = task -> caller.get().interrupt();
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread thread =
        new Thread(
            () -> {
              try {
                outcome.set(
                    runner(source, target, ResourceFilter.ALL, "parallel-interrupt", 2)
                        .run(Set.of(), () -> false, progress));
              } catch (IOException e) {
                throw new AssertionError(e);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    caller.set(thread);
    long start = System.nanoTime();
    thread.start();
    thread.join(Duration.ofSeconds(20).toMillis());

    assertFalse(thread.isAlive(), "the run ended");
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    assertTrue(stillInterrupted.get(), "the interrupt is left for the caller to see");
    assertEquals(4, outcome.get().total());
    assertTrue(outcome.get().stopped() >= 2, outcome.get()::toString);
    assertEquals(4, progress.results.size(), "every task is reported: " + progress.results);
  }

  @Test
  void aReporterThatFailsEndsAParallelRunWithItsException() {
    IllegalStateException broken = new IllegalStateException("cannot record");
    Recorder progress =
        new Recorder(
            task -> {
              throw broken;
            });
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                runner(source, target, ResourceFilter.ALL, "parallel-broken", 2)
                    .run(Set.of(), () -> false, progress));
    assertSame(broken, thrown);
    assertTrue(
        progress.started.size() <= 2, "nothing begun after the failure: " + progress.started);
  }

  private static ExecutionRunner runner(
      OciClient from, OciClient to, ResourceFilter filter, String namespace, int parallelism) {
    return new ExecutionRunner(
        from,
        to,
        new ArtifactCopier(from, to, 0),
        filter,
        new Destination(namespace, 0),
        FAST,
        parallelism);
  }
}
