package io.cairn.ops.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code cairn bench --replication-sync}: issue 10's bulk replication throughput. Two Cairns in
 * this process joined by a registry endpoint and no event-based policy ({@link ReplicatingPair});
 * {@code images} signed images pushed into one repository of the first (not measured); then, per
 * round and one after the other, a manual execution of a policy selecting that repository, timed
 * from its POST until it reads Succeed, and {@code skopeo sync} of the same repository (every tag:
 * the images and their {@code .sig} tags), timed as the process's wall time, each into a fresh
 * project of the second Cairn. The order alternates across rounds. Both copies are checked
 * afterwards ({@link ReplicaCheck}).
 */
public final class ReplicationSyncBench {
  static final String PROJECT = "library";
  static final String NAME = "sync";
  static final String REPOSITORY = PROJECT + "/" + NAME;

  /**
   * Synced once each way before the measured rounds (fewer if the set is smaller), from a
   * repository of their own: the first execution of a JVM compiles the copy path, and skopeo's
   * first run reads its binary from disk.
   */
  private static final int WARMUP_IMAGES = 50;

  private static final String WARMUP_NAME = "warmup";
  private static final int PUSH_CONNECTIONS = 16;
  private static final Duration EXECUTION_TIMEOUT = Duration.ofMinutes(30);
  private static final long POLL_MS = 50;

  private final int images;
  private final int rounds;
  private final boolean peer;
  private final LoadProfiler profiler;
  private final PrintStream out;

  /**
   * @param peer whether to run skopeo beside Cairn (when installed)
   * @param profile a folder for a Flight Recorder file of each measured execution ({@code
   *     roundN-cairn.jfr}), or {@code null}
   */
  public ReplicationSyncBench(int images, int rounds, boolean peer, Path profile, PrintStream out) {
    if (images < 1 || rounds < 1) {
      throw new IllegalArgumentException("--replication-sync needs --images and --rounds >= 1");
    }
    this.images = images;
    this.rounds = rounds;
    this.peer = peer;
    this.profiler = new LoadProfiler(profile);
    this.out = out;
  }

  public SyncResult run() throws Exception {
    LoadAverage atStart = LoadAverage.now();
    out.println("load average at start: " + atStart);
    Optional<String> skopeo = peer ? SkopeoSync.version() : Optional.empty();
    out.println(
        skopeo
            .map(v -> "peer: " + v)
            .orElse(
                peer
                    ? "skopeo is not installed: Cairn alone"
                    : "--no-peer: Cairn alone, without skopeo"));
    Path work = Files.createTempDirectory("cairn-bench-sync");
    Vertx vertx = Vertx.vertx();
    try (ReplicatingPair pair = ReplicatingPair.startLinked(work, out)) {
      String run = UUID.randomUUID().toString().substring(0, 8);
      List<SignedImage> warmup =
          push(vertx, pair, PROJECT + "/" + WARMUP_NAME, run, "w", Math.min(WARMUP_IMAGES, images));
      List<SignedImage> set = push(vertx, pair, REPOSITORY, run, "i", images);
      Rounds measured =
          new Rounds(pair, new SkopeoSync(work.resolve("skopeo")), skopeo.isPresent());
      measured.warmUp(warmup);
      List<SyncResult.Round> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        results.add(measured.round(round, set));
      }
      SyncResult result =
          new SyncResult(images, skopeo, List.copyOf(results), atStart, LoadAverage.now());
      new SyncReport(out).print(result);
      return result;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      ReplicationBench.deleteTree(work);
    }
  }

  /**
   * Pushes {@code count} signed images tagged {@code prefix} and an index into {@code repository}
   * of the source, 16 at a time.
   */
  private List<SignedImage> push(
      Vertx vertx, ReplicatingPair pair, String repository, String run, String prefix, int count)
      throws Exception {
    // each prefix its own blobs: the warm-up must not leave at the target what a round copies
    List<SignedImage> set = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      set.add(SignedImage.of(run, String.format("%s%06d", prefix, i)));
    }
    ReplicatingPair.Site source = pair.source();
    Pusher pusher =
        new Pusher(vertx, source.host(), source.port(), PUSH_CONNECTIONS, source.authorization());
    long started = System.nanoTime();
    try {
      pusher
          .pushSigned(repository, set, PUSH_CONNECTIONS)
          .toCompletionStage()
          .toCompletableFuture()
          .get();
    } finally {
      pusher.close().toCompletionStage().toCompletableFuture().get();
    }
    out.printf(
        "pushed %d signed images into %s at the source in %.1f s (not measured)%n",
        count, repository, (System.nanoTime() - started) / 1e9);
    return set;
  }

  /** The rounds' shared state: the pair, the peer, and the checks of what arrived. */
  private final class Rounds {
    private final ReplicatingPair pair;
    private final SkopeoSync skopeo;
    private final boolean withSkopeo;
    private final HarborApi sourceApi;
    private final HarborApi targetApi;
    private final ReplicaCheck check = new ReplicaCheck();

    Rounds(ReplicatingPair pair, SkopeoSync skopeo, boolean withSkopeo) {
      this.pair = pair;
      this.skopeo = skopeo;
      this.withSkopeo = withSkopeo;
      this.sourceApi = new HarborApi(pair.source());
      this.targetApi = new HarborApi(pair.target());
    }

    void warmUp(List<SignedImage> set) throws Exception {
      double cairn = execute("warmup-cairn", PROJECT + "/" + WARMUP_NAME, set.size());
      String line =
          String.format("warm-up: %d signed images by execution in %.1f s", set.size(), cairn);
      if (withSkopeo) {
        project("warmup-skopeo");
        double synced =
            skopeo.sync(
                pair.source(),
                PROJECT + "/" + WARMUP_NAME,
                pair.target(),
                "warmup-skopeo",
                pair.password(),
                "warmup");
        line += String.format(", by skopeo sync in %.1f s", synced);
      }
      out.println(line);
    }

    SyncResult.Round round(int round, List<SignedImage> set) throws Exception {
      boolean cairnFirst = round % 2 == 1;
      String cairnProject = "cairn-r" + round;
      String skopeoProject = "skopeo-r" + round;
      double cairn = Double.NaN;
      double synced = Double.NaN;
      for (boolean cairnTurn : cairnFirst ? List.of(true, false) : List.of(false, true)) {
        if (cairnTurn) {
          cairn =
              profiler.record(
                  "round" + round + "-cairn", () -> execute(cairnProject, REPOSITORY, set.size()));
        } else if (withSkopeo) {
          project(skopeoProject);
          synced =
              skopeo.sync(
                  pair.source(),
                  REPOSITORY,
                  pair.target(),
                  skopeoProject,
                  pair.password(),
                  "round" + round);
        }
      }
      SyncResult.Copy cairnCopy = copy(cairnProject, set);
      SyncResult.Copy skopeoCopy = withSkopeo ? copy(skopeoProject, set) : null;
      SyncResult.Round result =
          new SyncResult.Round(round, cairnFirst, cairn, synced, cairnCopy, skopeoCopy);
      new SyncReport(out).round(result, set.size());
      return result;
    }

    /**
     * Copies {@code repository} into project {@code namespace} of the target by a manual execution
     * of a policy made for it; seconds from the POST until it read Succeed.
     */
    private double execute(String namespace, String repository, int expected) throws Exception {
      project(namespace);
      long policy = pair.manualPolicy("sync-" + namespace, repository, namespace);
      long started = System.nanoTime();
      long id =
          sourceApi.create(
              "/api/v2.0/replication/executions", new JsonObject().put("policy_id", policy));
      long deadline = started + EXECUTION_TIMEOUT.toNanos();
      JsonObject execution;
      do {
        Thread.sleep(POLL_MS);
        execution = sourceApi.object("/api/v2.0/replication/executions/" + id);
      } while ("InProgress".equals(execution.getString("status")) && System.nanoTime() < deadline);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (!"Succeed".equals(execution.getString("status"))
          || execution.getInteger("succeed", -1) != expected) {
        throw new IOException(
            "execution "
                + id
                + " of "
                + repository
                + " did not copy all "
                + expected
                + " images: "
                + execution.encode());
      }
      out.println(phases(id, started, seconds));
      return seconds;
    }

    /**
     * Where an execution's time went, by the times its tasks recorded: until its first task began
     * (the engine takes an execution up on its next tick, then reads the source's tags, a HEAD
     * each, and plans), copying (until its last task ended), and until the bench read it finished.
     */
    private String phases(long id, long postedNanos, double seconds) throws Exception {
      String path = "/api/v2.0/replication/executions/" + id + "/tasks?page_size=1&sort=";
      Instant posted = Instant.now().minusNanos(System.nanoTime() - postedNanos);
      Instant first = taskTime(path + "start_time", "start_time");
      Instant last = taskTime(path + "-end_time", "end_time");
      double untilFirst = Duration.between(posted, first).toMillis() / 1e3;
      double copying = Duration.between(first, last).toMillis() / 1e3;
      return String.format(
          "  execution %d: first task began %.1f s after the POST (engine tick, source read,"
              + " plan); tasks copied in %.1f s; Succeed read %.1f s after the last task ended",
          id, untilFirst, copying, seconds - untilFirst - copying);
    }

    private Instant taskTime(String path, String field) throws Exception {
      return Instant.parse(new JsonArray(sourceApi.get(path)).getJsonObject(0).getString(field));
    }

    /** Makes a public project at the target (the checks read anonymously): one per copy. */
    private void project(String name) throws Exception {
      targetApi.create(
          "/api/v2.0/projects",
          new JsonObject()
              .put("project_name", name)
              .put("metadata", new JsonObject().put("public", "true")));
    }

    private SyncResult.Copy copy(String project, List<SignedImage> set) throws Exception {
      String repository = project + "/" + NAME;
      List<String> tags = check.tags(pair.target(), repository);
      Set<String> listed = new HashSet<>(tags);
      return new SyncResult.Copy(
          set.stream().map(SignedImage::tag).filter(listed::contains).count(),
          set.stream().map(SignedImage::signatureTag).filter(listed::contains).count(),
          check.wrongSubjects(pair.target(), repository, set).size(),
          check.unlinkedSignatures(pair.target(), project, NAME, set).size());
    }
  }
}
