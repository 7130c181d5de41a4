package io.cairn.ops.bench;

import io.cairn.oci.Digest;
import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@code cairn bench}: measures a Cairn (given by URL, or started here on an embedded broker) and,
 * when Debian's {@code docker-registry} is installed, CNCF distribution on another loopback port,
 * the same way in alternating rounds, and prints both and their ratios (medians over rounds).
 */
public final class Bench {
  static final String REPO = "library/bench";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final int BIG_BLOB = 4 * 1024 * 1024;
  private static final List<String> SIGNATURE_TYPES =
      List.of(
          "application/vnd.cncf.notary.signature", "application/vnd.dev.sigstore.bundle.v0.3+json");

  private final BenchOptions options;
  private final PrintStream out;

  public Bench(BenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public void run() throws Exception {
    Path work = Files.createTempDirectory("cairn-bench");
    Vertx vertx = Vertx.vertx();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      List<Target> targets = new ArrayList<>();
      targets.add(cairnTarget(work, started));
      if (options.trustOnly()) {
        out.println("--trust-only: the trust and credential loads alone");
      } else if (options.peer() && PeerRegistry.installed()) {
        PeerRegistry peer = PeerRegistry.start(Files.createDirectories(work.resolve("peer")));
        started.add(peer);
        targets.add(new Target("distribution", "127.0.0.1", peer.port(), null));
      } else {
        out.println("no peer registry (docker-registry not installed or --no-peer): Cairn alone");
      }
      for (Target target : targets) {
        target.seeded = seed(vertx, target, target == targets.get(0));
      }
      Target cairn = targets.get(0);
      TrustBench trust =
          new TrustBench(
              vertx,
              cairn.host,
              cairn.port,
              cairn.authorization,
              new LoadProfiler(options.profile()),
              out);
      trust.seed();
      Load load = new Load(vertx);
      for (int round = 0; round <= options.rounds(); round++) {
        boolean warmup = round == 0;
        List<Target> order = new ArrayList<>(targets);
        if (round % 2 == 1) {
          java.util.Collections.reverse(order); // alternate who goes first
        }
        for (Target target : options.trustOnly() ? List.<Target>of() : order) {
          measure(vertx, load, target, round, warmup);
        }
        // A full-length warm-up: with --trust-only nothing else has run, and a shorter one left
        // the JIT still compiling through the first measured round (its slices climbed 2x).
        trust.measure(load, options.seconds(), warmup);
      }
      if (!options.trustOnly()) {
        new BenchReport(out).print(targets, options);
      }
      trust.report();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).close();
      }
    }
  }

  private Target cairnTarget(Path work, List<AutoCloseable> started) throws Exception {
    if (options.target() != null) {
      URI uri = URI.create(options.target());
      String password = System.getenv("CAIRN_ADMIN_PASSWORD");
      if (password == null) {
        throw new IllegalArgumentException(
            "--target needs the admin password in CAIRN_ADMIN_PASSWORD: the bench pushes");
      }
      return new Target("cairn", uri.getHost(), uri.getPort(), basic("admin", password));
    }
    String password = "Bench-" + UUID.randomUUID();
    CairnConfig config =
        CairnConfig.defaults(work.resolve("cairn"))
            .withListen("127.0.0.1", 0)
            .withKafkaListen("127.0.0.1", 0)
            .withAdminPassword(password);
    Cairn cairn = Cairn.start(config);
    started.add(cairn);
    out.println("started Cairn at " + cairn.url() + " on an embedded broker");
    return new Target("cairn", "127.0.0.1", cairn.port(), basic("admin", password));
  }

  /**
   * One image with a 4 MiB layer under {@code v1}; on Cairn also two signatures of it (Notation and
   * a cosign v3 bundle), for the accessory and referrers loads. Returns the digests.
   */
  private static String basic(String name, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Seeded seed(Vertx vertx, Target target, boolean signed) throws Exception {
    byte[] layer = new byte[BIG_BLOB];
    new Random(42).nextBytes(layer);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    Pusher pusher = new Pusher(vertx, target.host, target.port, 1, target.authorization);
    Digest image =
        pusher.pushImage(REPO, "v1", layer, config).toCompletionStage().toCompletableFuture().get();
    if (signed) {
      for (String type : SIGNATURE_TYPES) {
        pusher
            .pushReferrer(REPO, image, type, type.getBytes(StandardCharsets.UTF_8))
            .toCompletionStage()
            .toCompletableFuture()
            .get();
      }
    }
    pusher.close();
    return new Seeded(Digest.sha256(config), Digest.sha256(layer), image);
  }

  private void measure(Vertx vertx, Load load, Target t, int round, boolean warmup)
      throws Exception {
    double seconds = warmup ? 1 : options.seconds();
    Load.Result manifest =
        load.run(
            t.host,
            t.port,
            HttpMethod.GET,
            "/v2/" + REPO + "/manifests/v1",
            OCI_MANIFEST,
            16,
            seconds,
            200);
    Load.Result head =
        load.run(
            t.host,
            t.port,
            HttpMethod.HEAD,
            "/v2/" + REPO + "/blobs/" + t.seeded.config,
            null,
            16,
            seconds,
            200);
    Load.Result big =
        load.run(
            t.host,
            t.port,
            HttpMethod.GET,
            "/v2/" + REPO + "/blobs/" + t.seeded.layer,
            null,
            4,
            seconds,
            200);
    // Cairn only: the peer has neither Harbor's API nor the referrers API.
    Load.Result accessories = null;
    Load.Result referrers = null;
    if (t.name.equals("cairn")) {
      accessories =
          load.run(
              t.host,
              t.port,
              HttpMethod.GET,
              "/api/v2.0/projects/library/repositories/bench/artifacts/v1/accessories",
              null,
              16,
              seconds,
              200);
      referrers =
          load.run(
              t.host,
              t.port,
              HttpMethod.GET,
              "/v2/" + REPO + "/referrers/" + t.seeded.image(),
              null,
              16,
              seconds,
              200);
    }
    int images =
        options.images(); // the warm-up pushes as many: the JIT must see the write path too
    Pusher pusher = new Pusher(vertx, t.host, t.port, 8, t.authorization);
    long started = System.nanoTime();
    pusher
        .pushMany(REPO + "-push-" + round, images, 16 * 1024, 8, round)
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    double pushSeconds = (System.nanoTime() - started) / 1e9;
    pusher.close();
    if (!warmup) {
      t.rounds.add(new Round(manifest, head, big, images / pushSeconds, accessories, referrers));
      out.printf(
          "round %d %-12s manifest GET %8.0f req/s (p50 %.2f ms, p99 %.2f ms) | HEAD blob %8.0f req/s | 4 MiB GET %7.0f MiB/s | push %6.1f images/s%s%n",
          round,
          t.name,
          manifest.perSecond(),
          manifest.latencies().percentileMillis(50),
          manifest.latencies().percentileMillis(99),
          head.perSecond(),
          big.mibPerSecond(),
          images / pushSeconds,
          manifest.errors() + head.errors() + big.errors() > 0
              ? "  (errors: " + (manifest.errors() + head.errors() + big.errors()) + ")"
              : "");
      if (accessories != null) {
        out.printf(
            "round %d %-12s accessories GET %8.0f req/s (p99 %.2f ms) | referrers GET %8.0f req/s (p99 %.2f ms)%s%n",
            round,
            t.name,
            accessories.perSecond(),
            accessories.latencies().percentileMillis(99),
            referrers.perSecond(),
            referrers.latencies().percentileMillis(99),
            accessories.errors() + referrers.errors() > 0
                ? "  (errors: " + (accessories.errors() + referrers.errors()) + ")"
                : "");
      }
    }
  }

  record Seeded(Digest config, Digest layer, Digest image) {}

  /** One round's results; {@code accessories} and {@code referrers} are null for the peer. */
  record Round(
      Load.Result manifest,
      Load.Result head,
      Load.Result big,
      double imagesPerSecond,
      Load.Result accessories,
      Load.Result referrers) {}

  static final class Target {
    final String name;
    final String host;
    final int port;

    /** Sent with pushes ({@code null}: the peer needs none); reads are anonymous. */
    final String authorization;

    final List<Round> rounds = new ArrayList<>();
    Seeded seeded;

    Target(String name, String host, int port, String authorization) {
      this.name = name;
      this.host = host;
      this.port = port;
      this.authorization = authorization;
    }
  }
}
