package io.cairn.ops.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the real {@code skopeo} binary, one process per call, with a timeout, and keeps its output
 * for assertion messages. Every call skips signature policy ({@code --insecure-policy}) and TLS
 * verification: the registry under test is plain HTTP on loopback.
 */
public final class Skopeo {
  public static final String BINARY = System.getenv().getOrDefault("SKOPEO", "skopeo");

  private final Path workDir;
  private final Duration timeout;
  private final AtomicLong calls = new AtomicLong();

  /** {@code workDir} receives each call's stdout and stderr files. */
  public Skopeo(Path workDir, Duration timeout) {
    this.workDir = workDir;
    this.timeout = timeout;
  }

  /** The outcome of one call. */
  public record Result(List<String> command, int exit, String stdout, String stderr) {
    public boolean ok() {
      return exit == 0;
    }

    /** This result if the exit code is 0, else an AssertionError naming command and stderr. */
    public Result expectSuccess() {
      if (!ok()) {
        throw new AssertionError("skopeo failed: " + this);
      }
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", command)
          + "\n  exit "
          + exit
          + "\n  stderr: "
          + stderr.strip()
          + "\n  stdout: "
          + abbreviate(stdout.strip());
    }
  }

  /** {@code skopeo copy [options…] src dest} (TLS verification off on both sides). */
  public Result copy(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("copy", "--src-tls-verify=false"));
    all.add("--dest-tls-verify=false");
    all.addAll(List.of(args));
    return run(all);
  }

  /** {@code skopeo inspect --raw ref}: the manifest bytes exactly as served. */
  public Result inspectRaw(String ref) throws IOException, InterruptedException {
    return run(List.of("inspect", "--tls-verify=false", "--raw", ref));
  }

  public Result inspect(String ref) throws IOException, InterruptedException {
    return run(List.of("inspect", "--tls-verify=false", ref));
  }

  public Result listTags(String ref) throws IOException, InterruptedException {
    return run(List.of("list-tags", "--tls-verify=false", ref));
  }

  public Result delete(String ref) throws IOException, InterruptedException {
    return run(List.of("delete", "--tls-verify=false", ref));
  }

  /** Runs {@code skopeo --insecure-policy args…}; kills it and fails after the timeout. */
  public Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY, "--insecure-policy"));
    command.addAll(args);
    long n = calls.incrementAndGet();
    Path out = workDir.resolve("skopeo-" + n + ".out");
    Path err = workDir.resolve("skopeo-" + n + ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError(
          "skopeo did not finish in "
              + timeout
              + ": "
              + new Result(command, -1, read(out), read(err)));
    }
    return new Result(command, process.exitValue(), read(out), read(err));
  }

  /** The raw stdout bytes of a successful call (for byte comparisons). */
  public static byte[] bytes(Result result) {
    return result.expectSuccess().stdout().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String read(Path file) throws IOException {
    // ISO-8859-1 maps every byte to one char, so bytes(...) can recover the exact output.
    return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
  }

  private static String abbreviate(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
  }
}
