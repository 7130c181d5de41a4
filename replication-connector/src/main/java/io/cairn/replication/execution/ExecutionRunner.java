package io.cairn.replication.execution;

import io.cairn.replication.copy.ArtifactCopier;
import io.cairn.replication.copy.CopyResult;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.Ping;
import io.cairn.replication.oci.RegistryException;
import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs one execution of a policy: enumerates the source, plans ({@link ExecutionPlan}), and copies
 * task by task with the {@link ArtifactCopier}, one at a time in plan order. Either end may be
 * Cairn or any OCI registry, so the same runner pushes (Cairn → a registry) and pulls (a registry →
 * Cairn).
 *
 * <p>A task that fails does not stop the others. Failures that may pass are retried with backoff
 * ({@link RetryPolicy}); when a task has spent its retries that way, both ends are pinged, and if
 * one gives no answer at all, the remaining tasks fail at once with that reason instead of each
 * spending its retries against a registry that is gone (a rerun resumes by key when it is back).
 *
 * <p>Not thread-safe: one run at a time per runner (the copier it is given is single-threaded).
 */
public final class ExecutionRunner {
  private final OciClient source;
  private final OciClient target;
  private final ArtifactCopier copier;
  private final ResourceFilter filter;
  private final Destination destination;
  private final RetryPolicy retries;

  /**
   * @param copier copies from {@code source} to {@code target} (the policy's speed and override are
   *     the copier's)
   */
  public ExecutionRunner(
      OciClient source,
      OciClient target,
      ArtifactCopier copier,
      ResourceFilter filter,
      Destination destination) {
    this(source, target, copier, filter, destination, RetryPolicy.DEFAULT);
  }

  public ExecutionRunner(
      OciClient source,
      OciClient target,
      ArtifactCopier copier,
      ResourceFilter filter,
      Destination destination,
      RetryPolicy retries) {
    this.source = source;
    this.target = target;
    this.copier = copier;
    this.filter = filter;
    this.destination = destination;
    this.retries = retries;
  }

  /**
   * Runs the execution, skipping the tasks whose keys are in {@code doneKeys} (an earlier run of
   * the same execution finished them). {@code stopRequested} is read before each task and while
   * waiting to retry; once it says true (or the thread is interrupted), the remaining tasks are
   * reported {@link TaskResult.Status#STOPPED} and the run returns. A stop before the plan is known
   * returns {@link Outcome} zeros without calling {@link ExecutionProgress#planned}.
   *
   * @throws IOException when the source cannot be enumerated (unreachable after retries, or it
   *     refuses its catalog or a repository's tags): the execution fails with this message
   * @throws IllegalArgumentException when the destination cannot name a selected repository
   */
  public Outcome run(
      Set<String> doneKeys, BooleanSupplier stopRequested, ExecutionProgress progress)
      throws IOException {
    BooleanSupplier stop =
        () -> stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted();
    Retrier retrier = new Retrier(retries, stop);
    if (stop.getAsBoolean()) {
      return Outcome.NOTHING;
    }
    List<SourceRepository> holdings;
    try {
      holdings = new SourceInventory(source, filter, retrier, stop).read();
    } catch (Retrier.Stopped stopped) {
      return Outcome.NOTHING;
    } catch (IOException e) {
      throw enumerationFailed(e);
    }
    List<ReplicationTask> tasks = ExecutionPlan.tasks(holdings, filter, destination);
    progress.planned(tasks);
    return copyAll(tasks, doneKeys, stop, retrier, progress);
  }

  private Outcome copyAll(
      List<ReplicationTask> tasks,
      Set<String> doneKeys,
      BooleanSupplier stop,
      Retrier retrier,
      ExecutionProgress progress) {
    Tally tally = new Tally();
    String unreachable = null;
    for (ReplicationTask task : tasks) {
      TaskResult result;
      if (doneKeys.contains(task.key())) {
        tally.skippedAsDone++;
        continue;
      } else if (stop.getAsBoolean()) {
        result = new TaskResult(TaskResult.Status.STOPPED, 0, TaskLog.stoppedBeforeStart(task));
      } else if (unreachable != null) {
        result =
            new TaskResult(
                TaskResult.Status.FAILED, 0, redact(TaskLog.notAttempted(task, unreachable)));
      } else {
        progress.started(task);
        Attempt attempt = copy(task, retrier);
        result = attempt.result();
        if (attempt.retriesSpent()) {
          unreachable = unreachableEnd();
        }
      }
      progress.finished(task, result);
      tally.add(result);
    }
    return new Outcome(
        tasks.size(),
        tally.succeeded,
        tally.failed,
        tally.stopped,
        tally.skippedAsDone,
        tally.bytes);
  }

  /** A task's result, and whether it failed only after spending its retries on transient errors. */
  private record Attempt(TaskResult result, boolean retriesSpent) {}

  private Attempt copy(ReplicationTask task, Retrier retrier) {
    try {
      CopyResult r =
          retrier.call(
              () ->
                  copier.copy(
                      task.srcRepository(), task.digest(), task.tags(), task.dstRepository()));
      return new Attempt(
          new TaskResult(TaskResult.Status.SUCCEED, r.bytes(), redact(TaskLog.copied(task, r))),
          false);
    } catch (Retrier.Stopped stopped) {
      return new Attempt(
          new TaskResult(
              TaskResult.Status.STOPPED,
              0,
              redact(TaskLog.stoppedWhileRetrying(task, stopped.getCause()))),
          false);
    } catch (IOException e) {
      String log = redact(TaskLog.failed(task, e, retrier.policy().attempts()));
      return new Attempt(
          new TaskResult(TaskResult.Status.FAILED, 0, log), Retrier.worthRetrying(e));
    } catch (RuntimeException e) {
      // Unreadable data or a bug: the same call would fail the same way, and the others may not.
      return new Attempt(
          new TaskResult(TaskResult.Status.FAILED, 0, redact(TaskLog.failedUnexpectedly(task, e))),
          false);
    }
  }

  /** Why the remaining tasks cannot succeed now, or null when both ends answer. */
  private String unreachableEnd() {
    for (OciClient end : List.of(target, source)) {
      Ping ping = end.ping();
      if (!ping.reachable()) {
        String which = end == target ? "target" : "source";
        return "the " + which + " registry " + origin(end) + " does not answer: " + ping.reason();
      }
    }
    return null;
  }

  private IOException enumerationFailed(IOException e) {
    String message =
        redact(
            "cannot read what the source registry " + origin(source) + " holds: " + e.getMessage());
    if (e instanceof RegistryException r) {
      return new RegistryException(r.status(), r.code(), message, r.permanent());
    }
    return new IOException(message, e);
  }

  /**
   * Logs are shown to people and stored in events: whatever a registry or a library put into a
   * message, the ends' secrets (and their Basic encodings) never reach a log.
   */
  private String redact(String text) {
    for (OciClient end : List.of(source, target)) {
      String secret = end.endpoint().secret();
      if (secret == null || secret.isEmpty()) {
        continue;
      }
      text = text.replace(secret, "***");
      String user = end.endpoint().username() == null ? "" : end.endpoint().username();
      String basic =
          Base64.getEncoder()
              .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
      text = text.replace(basic, "***");
    }
    return text;
  }

  /** Scheme, host and port: never a user or password a URL might carry. */
  private static String origin(OciClient end) {
    URI url = end.endpoint().url();
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static final class Tally {
    int succeeded;
    int failed;
    int stopped;
    int skippedAsDone;
    long bytes;

    void add(TaskResult result) {
      switch (result.status()) {
        case SUCCEED -> succeeded++;
        case FAILED -> failed++;
        case STOPPED -> stopped++;
      }
      bytes += result.bytesPushed();
    }
  }
}
