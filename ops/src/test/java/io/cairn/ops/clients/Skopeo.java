package io.cairn.ops.clients;

import io.cairn.ops.testing.Login;
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
  private final Login login;
  private final AtomicLong calls;

  /** {@code workDir} receives each call's stdout and stderr files. Signs in as the test admin. */
  public Skopeo(Path workDir, Duration timeout) {
    this(workDir, timeout, Login.ADMIN, new AtomicLong());
  }

  private Skopeo(Path workDir, Duration timeout, Login login, AtomicLong calls) {
    this.workDir = workDir;
    this.timeout = timeout;
    this.login = login;
    this.calls = calls;
  }

  /**
   * The same skopeo signing in to registries as {@code login} ({@code null}: anonymous). Skopeo
   * goes through the token flow itself: ping, 401 with the realm, token request with these
   * credentials, then the bearer token.
   */
  public Skopeo as(Login login) {
    return new Skopeo(workDir, timeout, login, calls);
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
    int n = args.length;
    if (login != null && n >= 2) {
      // Credentials only for the registry side: skopeo refuses them for other transports.
      if (args[n - 2].startsWith("docker://")) {
        all.add("--src-creds=" + login.creds());
      }
      if (args[n - 1].startsWith("docker://")) {
        all.add("--dest-creds=" + login.creds());
      }
    }
    all.addAll(List.of(args));
    return run(all);
  }

  /** {@code skopeo inspect --raw ref}: the manifest bytes exactly as served. */
  public Result inspectRaw(String ref) throws IOException, InterruptedException {
    return run(withCreds("inspect", "--tls-verify=false", "--raw", ref));
  }

  public Result inspect(String ref) throws IOException, InterruptedException {
    return run(withCreds("inspect", "--tls-verify=false", ref));
  }

  public Result listTags(String ref) throws IOException, InterruptedException {
    return run(withCreds("list-tags", "--tls-verify=false", ref));
  }

  public Result delete(String ref) throws IOException, InterruptedException {
    return run(withCreds("delete", "--tls-verify=false", ref));
  }

  private List<String> withCreds(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (login != null) {
      all.add(1, "--creds=" + login.creds());
    }
    return all;
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
