package io.cairn.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code skopeo sync} of one repository, every tag, from one registry to another: the peer a manual
 * replication execution is compared against. Digests are preserved, so both copies are the same
 * manifests; a {@code .sig} tag is to skopeo an image like any other, which is how a registry's
 * signatures travel with it.
 */
final class SkopeoSync {
  static final String BINARY = System.getenv().getOrDefault("SKOPEO", "skopeo");

  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final Path logs;

  /** {@code logs}: a folder for each run's output. */
  SkopeoSync(Path logs) {
    this.logs = logs;
  }

  /** {@code skopeo --version}'s line; empty when skopeo is not installed or does not run. */
  static Optional<String> version() {
    try {
      Process process = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
      String line = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0
          ? Optional.of(line.strip())
          : Optional.empty();
    } catch (IOException notInstalled) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Copies every tag of {@code repository} at {@code from} to {@code namespace/<its last segment>}
   * at {@code to}, signed in to both as admin with {@code password}; the process's wall time in
   * seconds.
   *
   * @throws IOException when skopeo fails, with the end of what it said
   */
  double sync(
      ReplicatingPair.Site from,
      String repository,
      ReplicatingPair.Site to,
      String namespace,
      String password,
      String name)
      throws IOException, InterruptedException {
    Path log = Files.createDirectories(logs).resolve(name + ".log");
    String creds = "admin:" + password;
    List<String> command =
        List.of(
            BINARY,
            "--insecure-policy", // no signature policy to consult: the bench copies, not verifies
            "sync",
            "--src",
            "docker",
            "--dest",
            "docker",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            "--src-creds",
            creds,
            "--dest-creds",
            creds,
            "--preserve-digests",
            from.host() + ":" + from.port() + "/" + repository,
            to.host() + ":" + to.port() + "/" + namespace);
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("skopeo sync ran past " + TIMEOUT.toMinutes() + " min; see " + log);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new IOException(
          "skopeo sync exited "
              + process.exitValue()
              + ": "
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    }
    return seconds;
  }
}
