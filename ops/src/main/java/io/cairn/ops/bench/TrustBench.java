package io.cairn.ops.bench;

import io.cairn.oci.Digest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * What authentication and verified content trust cost on Cairn's hottest read, in the same run:
 * manifest GET of an image in a project enforcing verified Cosign trust (signed with a key it
 * trusts, so every pull is allowed after a verdict lookup) against the same GET in project {@code
 * library}, which has no policy; the same plain GET with Basic credentials and with a bearer token;
 * and how many tokens {@code /service/token} issues per second.
 */
final class TrustBench {
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /**
   * The same image, with the same signature, in two projects that differ only in the policy: the
   * two GETs then do the same lookups on the same shape of data, and the ratio is the policy's.
   */
  private static final String PLAIN = "bench-plain/app";

  private static final String TRUSTED = "bench-trust/app";
  private static final int CONNECTIONS = 16;

  /** Before the compared loads: lets work set off by earlier loads (pushes, tokens) drain. */
  private static final long SETTLE_MILLIS = 1000;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final String basic;
  private final LoadProfiler profiler;
  private final PrintStream out;
  private final List<Round> rounds = new ArrayList<>();
  private String bearer;

  /**
   * One round; every ratio is to {@code plain} of the same round, by median slices ({@link
   * Interleaved.Outcome}).
   */
  record Round(
      Interleaved.Outcome plain,
      Interleaved.Outcome control,
      Interleaved.Outcome verified,
      Interleaved.Outcome basic,
      Interleaved.Outcome bearer,
      Load.Result tokens) {
    /** Plain against itself: how far apart two identical loads land, the noise of the ratios. */
    static final ToDoubleFunction<Round> CONTROL = r -> rate(r.plain(), r.control());

    static final ToDoubleFunction<Round> VERIFIED = r -> rate(r.plain(), r.verified());
    static final ToDoubleFunction<Round> BASIC = r -> rate(r.plain(), r.basic());
    static final ToDoubleFunction<Round> BEARER = r -> rate(r.plain(), r.bearer());

    /**
     * The same comparisons by process CPU per request, as throughput-like ratios (plain's cost over
     * the other's: 0.95 means 5% more CPU per request). On an idle machine throughput follows CPU
     * cost; on a busy one these hold when throughput swings with the neighbours.
     */
    static final ToDoubleFunction<Round> VERIFIED_CPU = r -> cost(r.plain(), r.verified());

    static final ToDoubleFunction<Round> CONTROL_CPU = r -> cost(r.plain(), r.control());

    static final ToDoubleFunction<Round> BASIC_CPU = r -> cost(r.plain(), r.basic());
    static final ToDoubleFunction<Round> BEARER_CPU = r -> cost(r.plain(), r.bearer());

    private static double rate(Interleaved.Outcome base, Interleaved.Outcome other) {
      return other.medianPerSecond() / base.medianPerSecond();
    }

    private static double cost(Interleaved.Outcome base, Interleaved.Outcome other) {
      return base.medianCpuMicrosPerRequest() / other.medianCpuMicrosPerRequest();
    }
  }

  TrustBench(
      Vertx vertx, String host, int port, String basic, LoadProfiler profiler, PrintStream out) {
    this.vertx = vertx;
    this.profiler = profiler;
    this.host = host;
    this.port = port;
    this.basic = basic;
    this.out = out;
  }

  /**
   * Creates both projects (public; one trusting a key in verified mode), pushes and signs the image
   * in each, awaits the verdict.
   */
  void seed() throws Exception {
    Pusher admin = new Pusher(vertx, host, port, 1, basic);
    byte[] layer = new byte[16 * 1024];
    new Random(7).nextBytes(layer);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    createProject(admin, "bench-plain", new JsonObject().put("public", "true"));
    createProject(
        admin,
        "bench-trust",
        new JsonObject()
            .put("public", "true")
            .put("enable_content_trust_cosign", "true")
            .put("content_trust_mode", "verified"));
    Digest image = await(admin.pushImage(TRUSTED, "v1", layer, config));
    await(admin.pushImage(PLAIN, "v1", layer, config));

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    await(
        admin.send(
            post("/api/v2.0/projects/bench-trust/trust/cosign-keys"),
            new JsonObject()
                .put("name", "bench")
                .put("public_key", pem)
                .encode()
                .getBytes(StandardCharsets.UTF_8),
            201));
    pushCosignSignature(admin, TRUSTED, image, key);
    pushCosignSignature(admin, PLAIN, image, key);
    awaitAllowed();
    bearer = "Bearer " + token();
    admin.close();
  }

  private static void createProject(Pusher admin, String name, JsonObject metadata)
      throws Exception {
    byte[] body =
        new JsonObject()
            .put("project_name", name)
            .put("metadata", metadata)
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    await(admin.send(post("/api/v2.0/projects"), body, 201));
  }

  /** Cosign's tag-scheme signature: a simple-signing payload signed with ECDSA P-256. */
  private static void pushCosignSignature(
      Pusher admin, String repository, Digest image, KeyPair key) throws Exception {
    byte[] payload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\""
                + repository
                + "\"},"
                + "\"image\":{\"docker-manifest-digest\":\""
                + image
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
            .getBytes(StandardCharsets.UTF_8);
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(key.getPrivate());
    ecdsa.update(payload);
    String signature = Base64.getEncoder().encodeToString(ecdsa.sign());
    byte[] config =
        ("{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\""
                + Digest.sha256(payload)
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + Digest.sha256(config)
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\","
                + "\"digest\":\""
                + Digest.sha256(payload)
                + "\",\"size\":"
                + payload.length
                + ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\""
                + signature
                + "\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
    String tag = "sha256-" + image.toString().substring(7) + ".sig";
    await(admin.pushManifest(repository, tag, manifest, List.of(payload, config)));
  }

  /** The policy processor decides asynchronously: wait until an anonymous pull is let through. */
  private void awaitAllowed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(url("/v2/" + TRUSTED + "/manifests/v1")).build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() == 200) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the signed image never became pullable under verified trust");
  }

  private String token() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url(tokenPath())).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).getString("token");
  }

  /**
   * One round: the token endpoint on its own, then the five manifest GETs (plain twice, as a
   * control) interleaved ({@link Interleaved}, starting with a different one each round), so each
   * ratio compares loads that ran under the same conditions.
   */
  void measure(Load load, double seconds, boolean warmup) throws Exception {
    Map<String, Interleaved.Slice> loads = new LinkedHashMap<>();
    loads.put("plain", s -> get(load, PLAIN, null, s));
    loads.put("control", s -> get(load, PLAIN, null, s));
    loads.put("verified", s -> get(load, TRUSTED, null, s));
    loads.put("basic", s -> get(load, PLAIN, basic, s));
    loads.put("bearer", s -> get(load, PLAIN, bearer, s));
    String prefix = warmup ? "warmup" : "round" + (rounds.size() + 1);
    // The token load first, then a pause: whatever it leaves running must not land on one side.
    Load.Result tokens =
        profiler.record(
            prefix + "-tokens",
            () ->
                load.run(
                    host,
                    port,
                    new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setURI(tokenPath())
                        .putHeader("Authorization", basic),
                    CONNECTIONS,
                    seconds,
                    200));
    Thread.sleep(SETTLE_MILLIS);
    Map<String, Interleaved.Outcome> r =
        Interleaved.run(loads, seconds, rounds.size(), profiler, prefix);
    if (!warmup) {
      Round round =
          new Round(
              r.get("plain"),
              r.get("control"),
              r.get("verified"),
              r.get("basic"),
              r.get("bearer"),
              tokens);
      rounds.add(round);
      out.printf(
          "round %d trust        median slice: manifest GET no policy %8.0f req/s | the same again %8.0f req/s (%.2fx) | verified trust %8.0f req/s (%.2fx) | Basic %8.0f req/s (%.2fx) | Bearer %8.0f req/s (%.2fx) | tokens issued %7.0f /s%s%n",
          rounds.size(),
          round.plain().medianPerSecond(),
          round.control().medianPerSecond(),
          Round.CONTROL.applyAsDouble(round),
          round.verified().medianPerSecond(),
          Round.VERIFIED.applyAsDouble(round),
          round.basic().medianPerSecond(),
          Round.BASIC.applyAsDouble(round),
          round.bearer().medianPerSecond(),
          Round.BEARER.applyAsDouble(round),
          tokens.perSecond(),
          errors(
              round.plain().total(),
              round.control().total(),
              round.verified().total(),
              round.basic().total(),
              round.bearer().total(),
              tokens));
      out.printf(
          "round %d trust        median slice, process CPU per request: no policy %.0f us | the same again %.0f us (%.2fx) | verified %.0f us (%.2fx) | Basic %.0f us (%.2fx) | Bearer %.0f us (%.2fx)%n",
          rounds.size(),
          round.plain().medianCpuMicrosPerRequest(),
          round.control().medianCpuMicrosPerRequest(),
          Round.CONTROL_CPU.applyAsDouble(round),
          round.verified().medianCpuMicrosPerRequest(),
          Round.VERIFIED_CPU.applyAsDouble(round),
          round.basic().medianCpuMicrosPerRequest(),
          Round.BASIC_CPU.applyAsDouble(round),
          round.bearer().medianCpuMicrosPerRequest(),
          Round.BEARER_CPU.applyAsDouble(round));
    }
  }

  void report() {
    if (rounds.isEmpty()) {
      return;
    }
    double plain = median(r -> r.plain().medianPerSecond());
    out.printf(
        "cairn manifest GET, verified cosign trust enforced: %.0f req/s vs %.0f without a policy; per-round ratios %s (target >= 0.95 in every round)%n",
        median(r -> r.verified().medianPerSecond()), plain, spread(Round.VERIFIED));
    out.printf(
        "control: the no-policy GET against itself, the noise floor of every ratio here: %s; by CPU per request %s%n",
        spread(Round.CONTROL), spread(Round.CONTROL_CPU));
    out.printf(
        "cairn manifest GET with Basic credentials %.0f req/s, ratios to anonymous %s; with a bearer token %.0f req/s, ratios %s; /service/token issues %.0f tokens/s (p99 %.2f ms)%n",
        median(r -> r.basic().medianPerSecond()),
        spread(Round.BASIC),
        median(r -> r.bearer().medianPerSecond()),
        spread(Round.BEARER),
        median(r -> r.tokens().perSecond()),
        median(r -> r.tokens().latencies().percentileMillis(99)));
    out.printf(
        "by process CPU per request (robust to other load on the machine): verified %s, Basic %s, bearer %s%n",
        spread(Round.VERIFIED_CPU), spread(Round.BASIC_CPU), spread(Round.BEARER_CPU));
  }

  /** A per-round ratio's median with every round's value, e.g. "0.97x (0.95, 0.97, 0.99)". */
  private String spread(ToDoubleFunction<Round> ratio) {
    StringBuilder each = new StringBuilder();
    for (Round r : rounds) {
      each.append(each.isEmpty() ? "" : ", ").append(String.format("%.2f", ratio.applyAsDouble(r)));
    }
    return String.format("%.2fx median (%s)", median(ratio), each);
  }

  private Load.Result get(Load load, String repository, String authorization, double seconds)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI("/v2/" + repository + "/manifests/v1")
            .putHeader("Accept", MANIFEST);
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    return load.run(host, port, options, CONNECTIONS, seconds, 200);
  }

  private static String tokenPath() {
    return "/service/token?service=cairn-registry&scope=repository:" + PLAIN + ":pull";
  }

  private static String errors(Load.Result... results) {
    long errors = 0;
    for (Load.Result r : results) {
      errors += r.errors();
    }
    return errors == 0 ? "" : "  (errors: " + errors + ")";
  }

  private double median(ToDoubleFunction<Round> metric) {
    double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
    return values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  private URI url(String path) {
    return URI.create("http://" + host + ":" + port + path);
  }

  private static RequestOptions post(String path) {
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setURI(path)
        .putHeader("Content-Type", "application/json");
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }
}
