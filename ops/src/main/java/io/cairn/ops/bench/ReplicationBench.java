package io.cairn.ops.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code cairn bench --replication}: issue 10's replication lag. Two Cairns in this process, the
 * first replicating to the second by an {@code event_based} policy ({@link ReplicatingPair});
 * signed images pushed to the first on an open-loop schedule ({@link OpenLoopPushes}); each one's
 * lag from its signature's 201 at the source to that signature answering 200 at the target ({@link
 * ArrivalProbe}). The copier pushes a subject before its signatures, so a signature arrived means
 * its image did; {@link ReplicaCheck} confirms that afterwards for every image.
 */
public final class ReplicationBench {
  static final String PROJECT = "library";
  static final String NAME = "lag";
  static final String REPOSITORY = PROJECT + "/" + NAME;

  /** How long after the load a signature may still arrive before it counts as never arriving. */
  static final Duration GRACE = Duration.ofSeconds(30);

  /**
   * The load before the measured one, at the same rate: the policy's connector starts (seconds),
   * and the JIT compiles the write and copy paths of both Cairns, which first run several times
   * slower (a cold Cairn took 26 signed images a second from a raw client, the same process 90 two
   * minutes later; with 30 s of warm-up the JIT still took a fifth of the machine during the
   * measured load, and replication kept up with 15 of the 20 images a second). A registry that has
   * been up for a few minutes is warm; neither start is the lag of a running replication.
   */
  public static final Duration WARMUP = Duration.ofSeconds(120);

  private static final int WARMUP_IMAGES_AT_LEAST = 10;

  /**
   * A pause between the warm-up and the measured load: what the warm-up's images set off after they
   * arrived (trust verdicts, execution reports, the copier reading them) is done before the clock
   * starts, so the measured load meets an idle copier, not the warm-up's tail.
   */
  private static final Duration SETTLE = Duration.ofSeconds(15);

  private static final Duration WARMUP_TIMEOUT = Duration.ofSeconds(240);

  /** Enough that the open loop never waits for a free connection at the source. */
  private static final int PUSH_CONNECTIONS = 16;

  private final double rate;
  private final double seconds;
  private final Duration warmup;
  private final PrintStream out;

  /**
   * @param rate images per second
   * @param seconds how long to push
   * @param warmup how long the load runs before it is measured ({@link #WARMUP}; zero: a few
   *     images, enough to start the connector, as a test needs)
   */
  public ReplicationBench(double rate, double seconds, Duration warmup, PrintStream out) {
    if (!(rate > 0) || !(seconds > 0) || rate * seconds < 1) {
      throw new IllegalArgumentException(
          "--replication needs a positive --rate and --seconds that make at least one image");
    }
    this.rate = rate;
    this.seconds = seconds;
    this.warmup = warmup;
    this.out = out;
  }

  public ReplicationResult run() throws Exception {
    LoadAverage atStart = LoadAverage.now();
    out.println("load average at start: " + atStart);
    Path work = Files.createTempDirectory("cairn-bench-replication");
    Vertx vertx = Vertx.vertx();
    try (ReplicatingPair pair = ReplicatingPair.start(work, out)) {
      ReplicatingPair.Site source = pair.source();
      Pusher pusher =
          new Pusher(vertx, source.host(), source.port(), PUSH_CONNECTIONS, source.authorization());
      String run = UUID.randomUUID().toString().substring(0, 8);
      double warmupSeconds = warmUp(vertx, pair, pusher, run);

      List<SignedImage> images = images(run, "i", (int) Math.round(rate * seconds));
      out.printf("pushing %d signed images at %.1f/s%n", images.size(), rate);
      ArrivalProbe probe = new ArrivalProbe(vertx, pair.target().host(), pair.target().port());
      long cpuAtStart = processCpuNanos();
      OpenLoopPushes.Outcome pushed =
          new OpenLoopPushes(pusher, probe, REPOSITORY).run(images, rate);
      int missing = probe.awaitArrivals(GRACE);
      double probeSeconds = (System.nanoTime() - pushed.started()) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
      Latencies lagsWithMissing = probe.lagsCountingAwaited();
      probe.close();
      pusher.close().toCompletionStage().toCompletableFuture().get();
      LoadAverage atEnd = LoadAverage.now();

      ReplicaCheck check = new ReplicaCheck();
      List<String> tags = check.tags(pair.target(), REPOSITORY);
      List<String> signatureTags = images.stream().map(SignedImage::signatureTag).toList();
      ReplicationResult result =
          new ReplicationResult(
              rate,
              seconds,
              pushed,
              probe.lags(),
              lagsWithMissing,
              (probe.lastArrival() - pushed.started()) / 1e9,
              probe.polls(),
              probe.errors(),
              probeSeconds,
              missing,
              check.wrongSubjects(pair.target(), REPOSITORY, images),
              images.stream().map(SignedImage::tag).filter(tags::contains).count(),
              signatureTags.stream().filter(tags::contains).count(),
              check.accessoryTypes(pair.source(), PROJECT, NAME, images.get(0)),
              check.accessoryTypes(pair.target(), PROJECT, NAME, images.get(0)),
              warmupSeconds,
              atStart,
              atEnd,
              cpuSeconds);
      new ReplicationReport(out).print(result);
      return result;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      deleteTree(work);
    }
  }

  /**
   * Replicates {@code warmup} of the load before the measured load, until they all arrive: the
   * seconds that took, connector start included.
   */
  private double warmUp(Vertx vertx, ReplicatingPair pair, Pusher pusher, String run)
      throws Exception {
    long started = System.nanoTime();
    int count = Math.max(WARMUP_IMAGES_AT_LEAST, (int) Math.round(rate * warmup.toSeconds()));
    try (ArrivalProbe probe = new ArrivalProbe(vertx, pair.target().host(), pair.target().port())) {
      OpenLoopPushes.Outcome pushed =
          new OpenLoopPushes(pusher, probe, REPOSITORY).run(images(run, "warmup", count), rate);
      if (pushed.failures() > 0) {
        throw new IllegalStateException("the warm-up could not push: " + pushed.failure());
      }
      int missing = probe.awaitArrivals(WARMUP_TIMEOUT);
      if (missing > 0) {
        throw new IllegalStateException(
            missing
                + " warm-up images never arrived at the target within "
                + WARMUP_TIMEOUT.toSeconds()
                + " s: replication does not run");
      }
    }
    double took = (System.nanoTime() - started) / 1e9;
    Duration settle = warmup.isZero() ? Duration.ZERO : SETTLE;
    Thread.sleep(settle.toMillis());
    out.printf(
        "warm-up: %d signed images at %.1f/s replicated in %.1f s (not measured), then %d s idle%n",
        count, rate, took, settle.toSeconds());
    return took;
  }

  /** CPU time of this process so far; -1 where the JVM cannot tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** {@code count} images tagged {@code prefix} and a zero-padded index, in order. */
  private static List<SignedImage> images(String run, String prefix, int count) {
    List<SignedImage> images = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      images.add(SignedImage.of(run, String.format("%s%06d", prefix, i)));
    }
    return images;
  }

  /** The two data directories hold two brokers' logs: not worth leaving in the temp folder. */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
