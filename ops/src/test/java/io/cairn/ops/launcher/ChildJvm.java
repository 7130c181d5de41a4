package io.cairn.ops.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code io.cairn.ops.Main} in a child JVM on this test's class path, stdout and stderr merged and
 * kept (a reader thread drains them, so the child never blocks on a full pipe). {@link #close()}
 * kills a child that is still running, so a failed test leaves no process behind.
 */
final class ChildJvm implements AutoCloseable {
  private static final String MAIN = "io.cairn.ops.Main";

  private final Process process;
  private final long startedNanos;
  private final StringBuilder output = new StringBuilder();
  private final String readyMarker;
  private final CompletableFuture<Long> ready = new CompletableFuture<>();
  private final Thread reader;

  private ChildJvm(Process process, long startedNanos, String readyMarker) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.readyMarker = readyMarker;
    this.reader = new Thread(this::drain, "child-jvm-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java -Xmx512m … io.cairn.ops.Main args…}. {@code readyMarker} is the stdout text
   * that {@link #awaitReady} waits for.
   */
  static ChildJvm start(List<String> args, String readyMarker) throws IOException {
    return start(args, readyMarker, Map.of());
  }

  /**
   * As {@link #start(List, String)}, with {@code environment} added to an environment that holds
   * none of Cairn's own variables.
   */
  static ChildJvm start(List<String> args, String readyMarker, Map<String, String> environment)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx512m");
    command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.cairn.events");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN);
    command.addAll(args);
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("CAIRN_ADMIN_PASSWORD"); // the child generates and shows one
    builder.environment().remove("CAIRN_EXTERNAL_URL");
    builder.environment().putAll(environment);
    Process process = builder.start();
    return new ChildJvm(process, started, readyMarker);
  }

  /** Time from process start until the marker line; fails with the output after the timeout. */
  Duration awaitReady(Duration timeout) throws InterruptedException {
    try {
      return Duration.ofNanos(ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS) - startedNanos);
    } catch (TimeoutException e) {
      throw new AssertionError("no '" + readyMarker + "' within " + timeout + ":\n" + output());
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause().getMessage() + ":\n" + output(), e.getCause());
    }
  }

  /** The first output line holding the marker (after {@link #awaitReady}). */
  String readyLine() {
    return output().lines().filter(l -> l.contains(readyMarker)).findFirst().orElse(null);
  }

  /** SIGTERM ({@link Process#destroy()} on Linux), then the exit code; fails after the timeout. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return awaitExit(timeout);
  }

  /** The exit code once the child ends; fails with its output after the timeout. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + ":\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(5)); // the rest of the output
    return process.exitValue();
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void drain() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        long now = System.nanoTime();
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.contains(readyMarker)) {
          ready.complete(now);
        }
      }
      ready.completeExceptionally(
          new IllegalStateException("the child's output ended before '" + readyMarker + "'"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }
}
