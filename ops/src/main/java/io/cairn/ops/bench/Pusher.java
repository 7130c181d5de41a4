package io.cairn.ops.bench;

import io.cairn.oci.Digest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Pushes images the way ordinary clients do: per blob a POST to open an upload and a PUT of the
 * bytes to its {@code Location}, then the manifest PUT by tag. Works against any registry.
 */
final class Pusher {
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** How long a request may go unanswered before it is sent again (once). */
  private static final long ANSWER_MS = 30_000;

  private final Vertx vertx;
  private final HttpClient client;
  private final String authorization;
  private final AtomicLong resent = new AtomicLong();

  /**
   * Every request not yet answered, so a push that never ends can be told apart: one still waiting
   * for a connection of the pool, or one sent that the registry never answered.
   */
  private final ConcurrentHashMap<Long, InFlight> inFlight = new ConcurrentHashMap<>();

  private final AtomicLong requests = new AtomicLong();

  record InFlight(String request, long since, AtomicBoolean sent) {}

  /** {@code authorization} is sent with every request ({@code null}: none). */
  Pusher(Vertx vertx, String host, int port, int connections, String authorization) {
    this.vertx = vertx;
    this.authorization = authorization;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(host)
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections));
  }

  /**
   * Pushes {@code images} images of one {@code layerBytes} layer each, {@code workers} at a time.
   */
  Future<Void> pushMany(String repository, int images, int layerBytes, int workers, long seed) {
    List<Future<Void>> all = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      all.add(worker(repository, w, workers, images, layerBytes, seed));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> worker(
      String repository, int next, int step, int images, int layerBytes, long seed) {
    if (next >= images) {
      return Future.succeededFuture();
    }
    byte[] layer = new byte[layerBytes];
    new Random(seed * 1_000_003 + next).nextBytes(layer);
    return pushImage(
            repository,
            "i" + next,
            layer,
            ("{\"image\":" + next + ",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8))
        .compose(d -> worker(repository, next + step, step, images, layerBytes, seed));
  }

  /** Pushes one image; completes with its manifest digest. */
  Future<Digest> pushImage(String repository, String tag, byte[] layer, byte[] config) {
    Digest layerDigest = Digest.sha256(layer);
    Digest configDigest = Digest.sha256(config);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + configDigest
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
            + layerDigest
            + "\",\"size\":"
            + layer.length
            + "}]}";
    byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
    return pushBlob(repository, layerDigest, layer)
        .compose(v -> pushBlob(repository, configDigest, config))
        .compose(
            v ->
                send(
                    new RequestOptions()
                        .setMethod(HttpMethod.PUT)
                        .setURI("/v2/" + repository + "/manifests/" + tag)
                        .putHeader("Content-Type", MANIFEST),
                    manifestBytes,
                    201))
        .map(r -> Digest.sha256(manifestBytes));
  }

  /**
   * Pushes a small artifact of {@code artifactType} whose {@code subject} is {@code subject} (as
   * notation and cosign v3 push signatures), by digest; completes with its digest.
   */
  Future<Digest> pushReferrer(String repository, Digest subject, String artifactType, byte[] body) {
    Digest layer = Digest.sha256(body);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MANIFEST
            + "\",\"artifactType\":\""
            + artifactType
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + Digest.sha256(empty)
            + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/octet-stream\",\"digest\":\""
            + layer
            + "\",\"size\":"
            + body.length
            + "}],\"subject\":{\"mediaType\":\""
            + MANIFEST
            + "\",\"digest\":\""
            + subject
            + "\",\"size\":1}}";
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(bytes);
    return pushBlob(repository, layer, body)
        .compose(v -> pushBlob(repository, Digest.sha256(empty), empty))
        .compose(
            v ->
                send(
                    new RequestOptions()
                        .setMethod(HttpMethod.PUT)
                        .setURI("/v2/" + repository + "/manifests/" + digest)
                        .putHeader("Content-Type", MANIFEST),
                    bytes,
                    201))
        .map(r -> digest);
  }

  /** Pushes {@code image} under its tag, then its signature under its {@code .sig} tag. */
  Future<Void> pushSigned(String repository, SignedImage image) {
    return pushManifest(repository, image.tag(), image.manifest(), image.blobs())
        .compose(
            subject ->
                pushManifest(
                    repository,
                    image.signatureTag(),
                    image.signatureManifest(),
                    image.signatureBlobs()))
        .mapEmpty();
  }

  /** Pushes {@code images} signed, {@code workers} at a time, each as soon as one is free. */
  Future<Void> pushSigned(String repository, List<SignedImage> images, int workers) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> all = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      all.add(signedWorker(repository, images, next));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> signedWorker(
      String repository, List<SignedImage> images, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= images.size()) {
      return Future.succeededFuture();
    }
    return pushSigned(repository, images.get(i))
        .compose(v -> signedWorker(repository, images, next));
  }

  /** Pushes {@code blobs}, then {@code manifest} under {@code reference}; its digest. */
  Future<Digest> pushManifest(
      String repository, String reference, byte[] manifest, List<byte[]> blobs) {
    Future<Void> pushed = Future.succeededFuture();
    for (byte[] blob : blobs) {
      pushed = pushed.compose(v -> pushBlob(repository, Digest.sha256(blob), blob));
    }
    return pushed
        .compose(
            v ->
                send(
                    new RequestOptions()
                        .setMethod(HttpMethod.PUT)
                        .setURI("/v2/" + repository + "/manifests/" + reference)
                        .putHeader("Content-Type", MANIFEST),
                    manifest,
                    201))
        .map(r -> Digest.sha256(manifest));
  }

  private Future<Void> pushBlob(String repository, Digest digest, byte[] bytes) {
    return send(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI("/v2/" + repository + "/blobs/uploads/"),
            new byte[0],
            202)
        .compose(
            location -> {
              String uri =
                  relative(location) + (location.contains("?") ? "&" : "?") + "digest=" + digest;
              return send(
                  new RequestOptions()
                      .setMethod(HttpMethod.PUT)
                      .setURI(uri)
                      .putHeader("Content-Type", "application/octet-stream"),
                  bytes,
                  201);
            })
        .mapEmpty();
  }

  /** Sends and checks the status; completes with the {@code Location} header (or ""). */
  Future<String> send(RequestOptions options, byte[] body, int expect) {
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    return attempt(options, body, expect)
        .recover(
            failure -> {
              if (!(failure instanceof NoAnswer)) {
                return Future.failedFuture(failure);
              }
              resent.incrementAndGet();
              return attempt(options, body, expect);
            });
  }

  /**
   * One try of {@link #send}; fails with {@link NoAnswer} when no answer came within {@link
   * #ANSWER_MS}. Every step of a push may be sent again (an upload is opened anew, a PUT of the
   * same bytes is the same), so a push survives one lost answer; the count is reported.
   */
  private Future<String> attempt(RequestOptions options, byte[] body, int expect) {
    long id = requests.incrementAndGet();
    InFlight request =
        new InFlight(
            options.getMethod() + " " + options.getURI(), System.nanoTime(), new AtomicBoolean());
    inFlight.put(id, request);
    Promise<String> answer = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    // Not the client's idle timeout: in some runs a request that had its connection never ended
    // and that timeout never fired (Vert.x 5.0.7, cause not found); this one always does.
    long deadline =
        vertx.setTimer(
            ANSWER_MS,
            t -> {
              if (answer.tryFail(new NoAnswer(request, ANSWER_MS))) {
                HttpClientRequest stuck = sent.get();
                if (stuck != null) {
                  stuck.reset();
                }
              }
            });
    client
        .request(options)
        .compose(
            req -> {
              sent.set(req);
              request.sent().set(true);
              return req.send(Buffer.buffer(body));
            })
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() == expect
                                ? Future.succeededFuture(
                                    resp.getHeader("Location") == null
                                        ? ""
                                        : resp.getHeader("Location"))
                                : Future.failedFuture(
                                    options.getMethod()
                                        + " "
                                        + options.getURI()
                                        + " → "
                                        + resp.statusCode()
                                        + ": "
                                        + b)))
        .onComplete(
            done -> {
              vertx.cancelTimer(deadline);
              inFlight.remove(id);
              if (done.succeeded()) {
                answer.tryComplete(done.result());
              } else {
                answer.tryFail(done.cause());
              }
            });
    return answer.future();
  }

  /** A request that got no answer in time; says whether it had a connection. */
  static final class NoAnswer extends Exception {
    private static final long serialVersionUID = 1L;

    NoAnswer(InFlight request, long millis) {
      super(
          request.request()
              + (request.sent().get() ? " (sent)" : " (waiting for a connection)")
              + ": no answer in "
              + millis
              + " ms");
    }
  }

  /** Requests sent a second time after no answer came in {@link #ANSWER_MS}. */
  long resent() {
    return resent.get();
  }

  int unansweredCount() {
    return inFlight.size();
  }

  /**
   * The requests not answered yet, oldest first (at most {@code limit}): each with how long it has
   * been under way and whether it got a connection; "" when none.
   */
  String unanswered(int limit) {
    long now = System.nanoTime();
    return inFlight.values().stream()
        .sorted(Comparator.comparingLong(InFlight::since))
        .limit(limit)
        .map(
            r ->
                r.request()
                    + (r.sent().get() ? " (sent, " : " (waiting for a connection, ")
                    + (now - r.since()) / 1_000_000
                    + " ms)")
        .collect(Collectors.joining("; "));
  }

  /** Registries may answer an absolute Location; requests go to the same host anyway. */
  private static String relative(String location) {
    int scheme = location.indexOf("://");
    return scheme < 0 ? location : location.substring(location.indexOf('/', scheme + 3));
  }

  Future<Void> close() {
    return client.close();
  }
}
