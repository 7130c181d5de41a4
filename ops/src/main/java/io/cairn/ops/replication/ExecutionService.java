package io.cairn.ops.replication;

import io.cairn.api.replication.ExecutionRecorder;
import io.cairn.events.ReplicationTaskUpdated;
import io.cairn.projection.ExecutionView;
import io.cairn.projection.PolicyView;
import io.cairn.projection.ReplicationExecutionEntry;
import io.cairn.projection.ReplicationPolicyEntry;
import io.cairn.projection.ReplicationTaskEntry;
import io.cairn.replication.connect.ReplicationConfig;
import io.cairn.replication.copy.ArtifactCopier;
import io.cairn.replication.execution.ExecutionProgress;
import io.cairn.replication.execution.ExecutionRunner;
import io.cairn.replication.execution.Outcome;
import io.cairn.replication.execution.ReplicationTask;
import io.cairn.replication.execution.RetryPolicy;
import io.cairn.replication.execution.TaskResult;
import io.cairn.replication.oci.Endpoint;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Harbor's manual and scheduled replication executions, push (this Cairn to an endpoint) and
 * pull (an endpoint into this Cairn) alike: both ends are OCI registries to the {@link
 * ExecutionRunner}. It follows the log: an execution started through the API (or by the schedule
 * below, or by another instance) and not finished is one to run, so an execution interrupted by a
 * restart is taken up again, skipping the tasks its events say succeeded. What it does is written
 * back as events ({@link ExecutionRecorder}), so progress survives a rebuild and shows on the audit
 * stream.
 *
 * <p>Scheduled policies start an execution at each firing of their cron while this instance runs;
 * firings missed while it was down are not made up (as cron and Harbor do).
 */
public final class ExecutionService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long WRITE_TIMEOUT_S = 30;

  /**
   * Tasks an execution copies at once: a small image is a few dozen round trips, mostly waiting,
   * and its task's two events each wait on the log; as many as the event-based connector copies.
   */
  private static final int PARALLEL_TASKS = 8;

  /** The waits before an execution with failed tasks goes on again: about two minutes in all. */
  private static final List<Duration> RESUME_AFTER =
      List.of(2, 4, 8, 16, 30, 60).stream().map(Duration::ofSeconds).toList();

  private final ExecutionView executions;
  private final PolicyView policies;
  private final ExecutionRecorder recorder;
  private final Sites sites;
  private final Clock clock;
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private ScheduledFuture<?> ticks;
  private final ScheduledFirings firings = new ScheduledFirings();
  private final ExecutorService workers =
      Executors.newFixedThreadPool(2, daemon("cairn-replication-execution"));

  private ExecutionService(
      ExecutionView executions,
      PolicyView policies,
      ExecutionRecorder recorder,
      Sites sites,
      Clock clock) {
    this.executions = executions;
    this.policies = policies;
    this.recorder = recorder;
    this.sites = sites;
    this.clock = clock;
  }

  /**
   * @param timer checks for executions to run every second; the caller shuts it down
   */
  public static ExecutionService start(
      ScheduledExecutorService timer,
      ExecutionView executions,
      PolicyView policies,
      ExecutionRecorder recorder,
      Sites sites,
      Clock clock) {
    ExecutionService service = new ExecutionService(executions, policies, recorder, sites, clock);
    service.ticks = timer.scheduleWithFixedDelay(service::tick, 0, 1, TimeUnit.SECONDS);
    return service;
  }

  private void tick() {
    try {
      startScheduled();
      for (ReplicationExecutionEntry execution : executions.unfinished()) {
        if (ReplicationExecutionEntry.EVENT_BASED.equals(execution.trigger())) {
          continue; // the connector's report of a run that happened: nothing here to run
        }
        if (running.add(execution.executionId())) {
          workers.execute(() -> runGuarded(execution));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("replication executions not checked, retrying: {}", e.toString());
    }
  }

  /** Starts an execution of each enabled scheduled policy whose cron fired since the last tick. */
  private void startScheduled() {
    Instant now = clock.instant();
    for (ReplicationPolicyEntry policy : policies.policies()) {
      if (firings.fired(policy, now)) {
        recorder
            .started(policy.policyId(), ReplicationExecutionEntry.SCHEDULED)
            .onFailure(
                e -> LOG.warn("scheduled replication of policy {}: {}", policy.policyId(), e));
      }
    }
  }

  private void runGuarded(ReplicationExecutionEntry execution) {
    long id = execution.executionId();
    try {
      String[] end = run(execution);
      if (closing) {
        return; // interrupted by shutdown, not stopped: the next start takes it up again
      }
      await(recorder.finished(id, end[0], end[1]));
    } catch (Exception e) {
      if (closing) {
        return;
      }
      LOG.warn("replication execution {} failed: {}", id, e.getMessage());
      try {
        await(recorder.finished(id, ReplicationTaskEntry.FAILED, e.getMessage()));
      } catch (Exception again) {
        LOG.warn("replication execution {} could not be recorded as failed: {}", id, again);
      }
    } finally {
      running.remove(id);
    }
  }

  /** Runs one execution to its end; returns its final status and status text. */
  private String[] run(ReplicationExecutionEntry execution) throws Exception {
    long id = execution.executionId();
    ReplicationPolicyEntry policy =
        policies
            .policy(execution.policyId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "replication policy " + execution.policyId() + " no longer exists"));
    long remoteId = policy.pushes() ? policy.destRegistryId() : policy.srcRegistryId();
    Endpoint remote =
        sites
            .remote(remoteId)
            .orElseThrow(
                () -> new IllegalStateException("registry " + remoteId + " no longer exists"));
    Endpoint from = policy.pushes() ? sites.self() : remote;
    Endpoint to = policy.pushes() ? remote : sites.self();
    Map<String, Long> taskIds = new ConcurrentHashMap<>(); // read by the runner's threads
    Set<String> done = ConcurrentHashMap.newKeySet(); // tasks finish on the runner's threads
    long[] highest = {0};
    for (ReplicationTaskEntry task : executions.tasks(id)) {
      taskIds.put(task.key(), task.taskId());
      highest[0] = Math.max(highest[0], task.taskId());
      if (ReplicationTaskEntry.SUCCEED.equals(task.status())) {
        done.add(task.key());
      }
    }
    try (OciClient source = new OciClient(from, TIMEOUT);
        OciClient target = new OciClient(to, TIMEOUT)) {
      ExecutionRunner runner =
          new ExecutionRunner(
              source,
              target,
              new ArtifactCopier(
                  source, target, Math.max(0, policy.speed()) * 1024L, policy.override()),
              ResourceFilter.of(ReplicationConfig.filters(policy.filters())),
              new Destination(policy.destNamespace(), policy.destNamespaceReplaceCount()),
              RetryPolicy.DEFAULT,
              PARALLEL_TASKS);
      ExecutionProgress progress =
          new ExecutionProgress() {
            @Override
            public void planned(List<ReplicationTask> tasks) {
              for (ReplicationTask task : tasks) {
                taskIds.computeIfAbsent(task.key(), k -> ++highest[0]);
              }
            }

            @Override
            public void started(ReplicationTask task) {
              record(id, taskIds.get(task.key()), task, ReplicationTaskEntry.IN_PROGRESS, 0, null);
            }

            @Override
            public void finished(ReplicationTask task, TaskResult result) {
              if (result.status() == TaskResult.Status.SUCCEED) {
                done.add(task.key());
              }
              record(
                  id,
                  taskIds.get(task.key()),
                  task,
                  status(result.status()),
                  result.bytesPushed(),
                  result.log());
            }
          };
      Outcome outcome = runner.run(done, () -> stopRequested(id), progress);
      // A target that went away (or refused for a while) fails the tasks after it at once: the
      // execution waits and goes on from where it stopped, skipping what succeeded, before it
      // gives up. A refusal for good fails again quickly and costs only the wait.
      for (int round = 0;
          outcome.failed() > 0 && round < RESUME_AFTER.size() && !stopRequested(id) && !closing;
          round++) {
        LOG.info(
            "replication execution {}: {} tasks failed; going on in {}",
            id,
            outcome.failed(),
            RESUME_AFTER.get(round));
        if (!pause(RESUME_AFTER.get(round), id)) {
          break;
        }
        outcome = runner.run(done, () -> stopRequested(id), progress);
      }
      LOG.info("replication execution {} of policy {}: {}", id, policy.policyId(), outcome);
      return end(outcome, stopRequested(id));
    }
  }

  private static String[] end(Outcome outcome, boolean stopped) {
    String counts =
        outcome.succeeded()
            + " succeeded, "
            + outcome.failed()
            + " failed, "
            + outcome.stopped()
            + " stopped, "
            + outcome.skippedAsDone()
            + " done before, of "
            + outcome.total();
    if (stopped) {
      return new String[] {ReplicationTaskEntry.STOPPED, counts};
    }
    if (outcome.failed() > 0) {
      return new String[] {ReplicationTaskEntry.FAILED, counts};
    }
    return new String[] {ReplicationTaskEntry.SUCCEED, counts};
  }

  /** Waits {@code duration} unless a stop or a shutdown comes first; true if it waited it out. */
  private boolean pause(Duration duration, long id) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < deadline) {
      if (closing || stopRequested(id)) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  private boolean stopRequested(long id) {
    return executions.execution(id).map(ReplicationExecutionEntry::stopRequested).orElse(false);
  }

  private void record(
      long executionId, long taskId, ReplicationTask task, String status, long bytes, String log) {
    ReplicationTaskUpdated update =
        ReplicationTaskUpdated.newBuilder()
            .setExecutionId(executionId)
            .setTaskId(taskId)
            .setKey(task.key())
            .setStatus(status)
            .setOperation(task.operation())
            .setResourceType(task.resourceType())
            .setSrcResource(task.srcResource())
            .setDstResource(task.dstResource())
            .setBytes(bytes)
            .setLog(log)
            .build();
    try {
      await(recorder.taskUpdated(update));
    } catch (Exception e) {
      // the copy itself stands; a resumed run finds it at the target and skips it
      LOG.warn("task {} of execution {} not recorded: {}", taskId, executionId, e.toString());
    }
  }

  private static String status(TaskResult.Status status) {
    return switch (status) {
      case SUCCEED -> ReplicationTaskEntry.SUCCEED;
      case FAILED -> ReplicationTaskEntry.FAILED;
      case STOPPED -> ReplicationTaskEntry.STOPPED;
    };
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_S, TimeUnit.SECONDS);
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    ticks.cancel(true);
    workers.shutdownNow(); // a running copy sees the interrupt as a stop and returns
    workers.awaitTermination(30, TimeUnit.SECONDS);
  }
}
