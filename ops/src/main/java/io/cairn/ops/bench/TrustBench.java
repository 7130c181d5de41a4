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
import java.util.List;
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
  private static final String PLAIN = "library/plain";
  private static final String TRUSTED = "bench-trust/app";
  private static final int CONNECTIONS = 16;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final String basic;
  private final PrintStream out;
  private final List<Round> rounds = new ArrayList<>();
  private String bearer;

  record Round(
      Load.Result plain,
      Load.Result verified,
      Load.Result basic,
      Load.Result bearer,
      Load.Result tokens) {}

  TrustBench(Vertx vertx, String host, int port, String basic, PrintStream out) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.basic = basic;
    this.out = out;
  }

  /** Creates the trusting project and its key, pushes and signs the image, awaits its verdict. */
  void seed() throws Exception {
    Pusher admin = new Pusher(vertx, host, port, 1, basic);
    byte[] layer = new byte[16 * 1024];
    new Random(7).nextBytes(layer);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    await(
        admin.send(
            post("/api/v2.0/projects"),
            new JsonObject()
                .put("project_name", "bench-trust")
                .put(
                    "metadata",
                    new JsonObject()
                        .put("public", "true")
                        .put("enable_content_trust_cosign", "true")
                        .put("content_trust_mode", "verified"))
                .encode()
                .getBytes(StandardCharsets.UTF_8),
            201));
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
    pushCosignSignature(admin, image, key);
    awaitAllowed();
    bearer = "Bearer " + token();
    admin.close();
  }

  /** Cosign's tag-scheme signature: a simple-signing payload signed with ECDSA P-256. */
  private static void pushCosignSignature(Pusher admin, Digest image, KeyPair key)
      throws Exception {
    byte[] payload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\"bench-trust/app\"},"
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
    await(admin.pushManifest(TRUSTED, tag, manifest, List.of(payload, config)));
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

  void measure(Load load, double seconds, boolean warmup) throws Exception {
    Load.Result plain;
    Load.Result verified;
    if (rounds.size() % 2 == 0) {
      plain = get(load, PLAIN, null, seconds, CONNECTIONS);
      verified = get(load, TRUSTED, null, seconds, CONNECTIONS);
    } else {
      verified = get(load, TRUSTED, null, seconds, CONNECTIONS);
      plain = get(load, PLAIN, null, seconds, CONNECTIONS);
    }
    Load.Result withBasic = get(load, PLAIN, basic, seconds, CONNECTIONS);
    Load.Result withBearer = get(load, PLAIN, bearer, seconds, CONNECTIONS);
    Load.Result tokens =
        load.run(
            host,
            port,
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(tokenPath())
                .putHeader("Authorization", basic),
            CONNECTIONS,
            seconds,
            200);
    if (!warmup) {
      rounds.add(new Round(plain, verified, withBasic, withBearer, tokens));
      out.printf(
          "round %d trust        manifest GET no policy %8.0f req/s | verified trust %8.0f req/s (%.2fx) | Basic %8.0f req/s | Bearer %8.0f req/s | tokens issued %7.0f /s%s%n",
          rounds.size(),
          plain.perSecond(),
          verified.perSecond(),
          verified.perSecond() / plain.perSecond(),
          withBasic.perSecond(),
          withBearer.perSecond(),
          tokens.perSecond(),
          errors(plain, verified, withBasic, withBearer, tokens));
    }
  }

  void report() {
    if (rounds.isEmpty()) {
      return;
    }
    double plain = median(r -> r.plain().perSecond());
    double verified = median(r -> r.verified().perSecond());
    double basicRate = median(r -> r.basic().perSecond());
    double bearerRate = median(r -> r.bearer().perSecond());
    out.printf(
        "cairn manifest GET, verified cosign trust enforced: %.0f req/s vs %.0f without a policy; median of per-round ratios %.2fx (target >= 0.95)%n",
        verified, plain, median(r -> r.verified().perSecond() / r.plain().perSecond()));
    out.printf(
        "cairn manifest GET with Basic credentials %.0f req/s (%.2fx anonymous), with a bearer token %.0f req/s (%.2fx); /service/token issues %.0f tokens/s (p99 %.2f ms)%n",
        basicRate,
        basicRate / plain,
        bearerRate,
        bearerRate / plain,
        median(r -> r.tokens().perSecond()),
        median(r -> r.tokens().latencies().percentileMillis(99)));
  }

  private Load.Result get(
      Load load, String repository, String authorization, double seconds, int connections)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI("/v2/" + repository + "/manifests/v1")
            .putHeader("Accept", MANIFEST);
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    return load.run(host, port, options, connections, seconds, 200);
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
