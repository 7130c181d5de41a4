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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs one execution of a policy: enumerates the source, plans ({@link ExecutionPlan}), and copies
 * the tasks with the {@link ArtifactCopier}, up to {@code parallelism} at a time, taken up in plan
 * order. Either end may be Cairn or any OCI registry, so the same runner pushes (Cairn → a
 * registry) and pulls (a registry → Cairn).
 *
 * <p>Why several at a time: a task is a few dozen small requests, each waiting on the other end
 * (and a Cairn target's manifest PUTs on its event log), so one at a time leaves both ends and the
 * network idle most of the time. Tasks are independent closures (a subject and what travels with
 * it), and the copier is thread-safe, so they may overlap.
 *
 * <p>A task that fails does not stop the others. Failures that may pass are retried with backoff
 * ({@link RetryPolicy}); when a task has spent its retries that way, both ends are pinged, and if
 * one gives no answer at all, the tasks not yet begun fail at once with that reason instead of each
 * spending its retries against a registry that is gone (a rerun resumes by key when it is back).
 *
 * <p>One run at a time per runner.
 */
public final class ExecutionRunner {
  private final OciClient source;
  private final OciClient target;
  private final ArtifactCopier copier;
  private final ResourceFilter filter;
  private final Destination destination;
  private final RetryPolicy retries;
  private final int parallelism;

  /**
   * One task at a time.
   *
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
    this(source, target, copier, filter, destination, retries, 1);
  }

  /**
   * @param parallelism how many tasks are copied at once; with more than one, {@link
   *     ExecutionProgress} is called from that many threads
   */
  public ExecutionRunner(
      OciClient source,
      OciClient target,
      ArtifactCopier copier,
      ResourceFilter filter,
      Destination destination,
      RetryPolicy retries,
      int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    this.parallelism = parallelism;
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
   * waiting to retry; once it says true (or the calling thread is interrupted), the tasks not yet
   * begun are reported {@link TaskResult.Status#STOPPED}, and the run returns when those under way
   * have ended. A stop before the plan is known returns {@link Outcome} zeros without calling
   * {@link ExecutionProgress#planned}.
   *
   * @throws IOException when the source cannot be enumerated (unreachable after retries, or it
   *     refuses its catalog or a repository's tags): the execution fails with this message
   * @throws IllegalArgumentException when the destination cannot name a selected repository
   */
  public Outcome run(
      Set<String> doneKeys, BooleanSupplier stopRequested, ExecutionProgress progress)
      throws IOException {
    // Read by the copying threads too: the caller's interrupt is their stop as well, kept in a flag
    // once the caller has caught it (catching clears the thread's own).
    AtomicBoolean interrupted = new AtomicBoolean();
    BooleanSupplier stop =
        () ->
            stopRequested.getAsBoolean()
                || interrupted.get()
                || Thread.currentThread().isInterrupted();
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
    return copyAll(tasks, doneKeys, stop, interrupted, retrier, progress);
  }

  private Outcome copyAll(
      List<ReplicationTask> tasks,
      Set<String> doneKeys,
      BooleanSupplier stop,
      AtomicBoolean interrupted,
      Retrier retrier,
      ExecutionProgress progress) {
    Set<String> done = Set.copyOf(doneKeys); // the reporter may add to its set as copies end
    Copies copies = new Copies(stop, retrier, progress);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            parallelism,
            parallelism,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "cairn-replication-execution-copy");
              t.setDaemon(true);
              return t;
            });
    int skippedAsDone = 0;
    for (ReplicationTask task : tasks) {
      if (done.contains(task.key())) {
        skippedAsDone++;
      } else {
        pool.execute(copies.of(task));
      }
    }
    pool.shutdown();
    try {
      pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS); // copies watch the stop
    } catch (InterruptedException e) {
      // Those not begun are reported stopped below, once those under way have seen the interrupt.
      interrupted.set(true);
      List<Runnable> notBegun = pool.shutdownNow();
      awaitUninterruptibly(pool);
      Thread.currentThread().interrupt();
      for (Runnable r : notBegun) {
        copies.stoppedBeforeStart(((Copies.Copy) r).task);
      }
    }
    copies.rethrowProgressFailure();
    Tally tally = copies.tally;
    return new Outcome(
        tasks.size(), tally.succeeded, tally.failed, tally.stopped, skippedAsDone, tally.bytes);
  }

  private static void awaitUninterruptibly(ThreadPoolExecutor pool) {
    boolean interrupted = false;
    while (!pool.isTerminated()) {
      try {
        pool.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException again) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What the copying threads share: the stop, whether an end was found unreachable, the tally, and
   * the first failure of the progress reporter (after which nothing more is reported or copied).
   */
  private final class Copies {
    private final BooleanSupplier stop;
    private final Retrier retrier;
    private final ExecutionProgress progress;
    private final Tally tally = new Tally();
    private volatile String unreachable;
    private final AtomicReference<Throwable> progressFailed = new AtomicReference<>();

    Copies(BooleanSupplier stop, Retrier retrier, ExecutionProgress progress) {
      this.stop = stop;
      this.retrier = retrier;
      this.progress = progress;
    }

    Copy of(ReplicationTask task) {
      return new Copy(task);
    }

    /** One task, as a copying thread takes it up. */
    final class Copy implements Runnable {
      final ReplicationTask task;

      Copy(ReplicationTask task) {
        this.task = task;
      }

      @Override
      public void run() {
        if (progressFailed.get() != null) {
          return;
        }
        try {
          TaskResult result;
          if (stop.getAsBoolean()) {
            result = notBegun(task);
          } else if (unreachable != null) {
            result =
                new TaskResult(
                    TaskResult.Status.FAILED, 0, redact(TaskLog.notAttempted(task, unreachable)));
          } else {
            progress.started(task);
            Attempt attempt = copy(task, retrier);
            result = attempt.result();
            if (attempt.retriesSpent() && unreachable == null) {
              unreachable = unreachableEnd();
            }
          }
          finished(task, result);
        } catch (RuntimeException | Error e) {
          progressFailed.compareAndSet(null, e);
        }
      }
    }

    void stoppedBeforeStart(ReplicationTask task) {
      if (progressFailed.get() == null) {
        try {
          finished(task, notBegun(task));
        } catch (RuntimeException | Error e) {
          progressFailed.compareAndSet(null, e);
        }
      }
    }

    private static TaskResult notBegun(ReplicationTask task) {
      return new TaskResult(TaskResult.Status.STOPPED, 0, TaskLog.stoppedBeforeStart(task));
    }

    private void finished(ReplicationTask task, TaskResult result) {
      progress.finished(task, result);
      synchronized (tally) {
        tally.add(result);
      }
    }

    /** An exception of the progress reporter ends the run, as it would have on one thread. */
    void rethrowProgressFailure() {
      Throwable failed = progressFailed.get();
      if (failed instanceof RuntimeException e) {
        throw e;
      }
      if (failed instanceof Error e) {
        throw e;
      }
    }
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
