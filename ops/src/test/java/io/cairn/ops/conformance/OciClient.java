package io.cairn.ops.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Login;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A plain HTTP client for one registry, speaking the OCI distribution API as a conformance suite
 * does. Every answer is checked to be neither a redirect nor a server error (3xx/5xx): a registry
 * may refuse a request, but never bounce it or fall over.
 */
final class OciClient {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  static final String EMPTY_DIGEST =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Every error code a test has seen and checked, across test classes. */
  static final Set<String> SEEN_CODES = ConcurrentHashMap.newKeySet();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final Login login;

  /** A client signed in as the bootstrap admin. */
  OciClient(String baseUrl) {
    this(baseUrl, Login.ADMIN);
  }

  /** A client signed in as {@code login}, or anonymous if {@code null}. */
  OciClient(String baseUrl, Login login) {
    this.base = URI.create(baseUrl);
    this.login = login;
  }

  /** The same registry, as someone else. */
  OciClient as(Login other) {
    return new OciClient(base.toString(), other);
  }

  /** An HTTP answer with its body read whole. */
  record Reply(String request, int status, HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return new String(body, UTF_8);
    }

    JsonObject json() {
      return new JsonObject(text());
    }

    @Override
    public String toString() {
      String shown = text().length() > 400 ? text().substring(0, 400) + "…" : text();
      return request + " -> " + status + " " + shown;
    }
  }

  // ---- plain requests ----

  Reply get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Reply head(String path, String... headers) {
    return send("HEAD", path, null, headers);
  }

  Reply delete(String path) {
    return send("DELETE", path, null);
  }

  Reply post(String path, byte[] body, String... headers) {
    return send("POST", path, BodyPublishers.ofByteArray(body), headers);
  }

  Reply put(String path, byte[] body, String... headers) {
    return send("PUT", path, BodyPublishers.ofByteArray(body), headers);
  }

  Reply patch(String path, byte[] body, String... headers) {
    return send("PATCH", path, BodyPublishers.ofByteArray(body), headers);
  }

  /**
   * Sends one request; {@code path} is a path (may carry a query) or a {@code Location} as the
   * registry gave it. {@code headers} are name/value pairs.
   */
  Reply send(String method, String path, BodyPublisher body, String... headers) {
    URI uri = base.resolve(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .method(method, body == null ? BodyPublishers.noBody() : body);
    boolean authorized = false;
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
      authorized |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (!authorized && login != null) {
      request.header("Authorization", login.basic());
    }
    String shown = method + " " + abbreviate(uri.getRawPath()) + query(uri);
    try {
      var response = http.send(request.build(), BodyHandlers.ofByteArray());
      Reply reply = new Reply(shown, response.statusCode(), response.headers(), response.body());
      assertSane(reply.status(), reply.toString());
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(shown, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(shown, e);
    }
  }

  /** Neither a redirect nor a server error, whatever the request was. */
  static void assertSane(int status, String what) {
    assertFalse(status >= 300 && status < 400, () -> "redirect: " + what);
    assertFalse(status >= 500, () -> "server error: " + what);
  }

  // ---- registry operations that must succeed ----

  void createProject(String name) {
    Reply reply =
        post(
            "/api/v2.0/projects",
            bytes("{\"project_name\":\"" + name + "\",\"metadata\":{\"public\":\"true\"}}"),
            "Content-Type",
            "application/json");
    assertEquals(201, reply.status(), reply::toString);
  }

  /** Monolithic push (end-4b); returns the digest. */
  String pushBlob(String repository, byte[] content) {
    String digest = digest(content);
    Reply reply =
        post(
            "/v2/" + repository + "/blobs/uploads/?digest=" + digest,
            content,
            "Content-Type",
            "application/octet-stream");
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(digest, reply.header("Docker-Content-Digest"), reply::toString);
    return digest;
  }

  /** end-7; returns the digest of the bytes. */
  String pushManifest(String repository, String reference, String mediaType, byte[] manifest) {
    Reply reply = putManifest(repository, reference, mediaType, manifest);
    assertEquals(201, reply.status(), reply::toString);
    String digest = digest(manifest);
    assertEquals(digest, reply.header("Docker-Content-Digest"), reply::toString);
    assertNotNull(reply.header("Location"), reply::toString);
    return digest;
  }

  Reply putManifest(String repository, String reference, String mediaType, byte[] manifest) {
    return put(
        "/v2/" + repository + "/manifests/" + reference, manifest, "Content-Type", mediaType);
  }

  /** Pushes a tiny config and one layer, then an OCI image manifest naming them. */
  Image pushImage(String repository, String reference, String seed) {
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"seed\":\"" + seed + "\"}"));
    Blob layer = Blob.of(OCI_LAYER, bytes("layer of " + seed));
    pushBlob(repository, config.content());
    pushBlob(repository, layer.content());
    byte[] manifest = bytes(imageManifest(OCI_MANIFEST, config, layer).encode());
    String digest = pushManifest(repository, reference, OCI_MANIFEST, manifest);
    return new Image(digest, manifest);
  }

  /** A pushed manifest. */
  record Image(String digest, byte[] manifest) {
    long size() {
      return manifest.length;
    }
  }

  // ---- content ----

  /** A blob with its descriptor fields. */
  record Blob(String mediaType, byte[] content, String digest) {
    static Blob of(String mediaType, byte[] content) {
      return new Blob(mediaType, content, OciClient.digest(content));
    }

    JsonObject descriptor() {
      return OciClient.descriptor(mediaType, digest, content.length);
    }
  }

  static JsonObject descriptor(String mediaType, String digest, long size) {
    return new JsonObject().put("mediaType", mediaType).put("digest", digest).put("size", size);
  }

  static JsonObject imageManifest(String mediaType, Blob config, Blob... layers) {
    JsonArray array = new JsonArray();
    for (Blob layer : layers) {
      array.add(layer.descriptor());
    }
    return new JsonObject()
        .put("schemaVersion", 2)
        .put("mediaType", mediaType)
        .put("config", config.descriptor())
        .put("layers", array);
  }

  static JsonObject index(String mediaType, JsonObject... children) {
    JsonArray array = new JsonArray();
    for (JsonObject child : children) {
      array.add(child);
    }
    return new JsonObject()
        .put("schemaVersion", 2)
        .put("mediaType", mediaType)
        .put("manifests", array);
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static String digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha512(byte[] content) {
    try {
      return "sha512:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A digest of random bytes: certainly unknown to the registry. */
  static String randomDigest() {
    byte[] noise = new byte[32];
    ThreadLocalRandom.current().nextBytes(noise);
    return digest(noise);
  }

  /** Appends a query parameter to a Location without otherwise rebuilding it. */
  static String withQuery(String location, String parameter) {
    return location + (location.contains("?") ? "&" : "?") + parameter;
  }

  // ---- error answers ----

  /**
   * The answer is the OCI error {@code code} with {@code status}: a JSON body {@code
   * {"errors":[{"code","message",...}]}} (HEAD answers carry no body).
   */
  static JsonObject assertError(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply::toString);
    if (reply.request().startsWith("HEAD ")) {
      // No body: the code and message ride in an RFC 7234 warning, as containers/image reads it.
      String warning = reply.header("Warning");
      assertTrue(
          warning != null && warning.startsWith("299 - \"" + code + ": ") && warning.endsWith("\""),
          reply::toString);
      SEEN_CODES.add(code + " " + status);
      return null;
    }
    String type = reply.header("Content-Type");
    assertTrue(type != null && type.startsWith("application/json"), reply::toString);
    JsonObject body = reply.json();
    JsonArray errors = body.getJsonArray("errors");
    assertNotNull(errors, reply::toString);
    assertFalse(errors.isEmpty(), reply::toString);
    JsonObject first = errors.getJsonObject(0);
    assertEquals(code, first.getString("code"), reply::toString);
    String message = first.getString("message");
    assertTrue(message != null && !message.isBlank(), reply::toString);
    SEEN_CODES.add(code + " " + status);
    return first;
  }

  // ---- raw HTTP/1.1, for paths no URI class would send as written ----

  /** Writes {@code head} (request line and headers, CRLF-separated) as is; returns the status. */
  int raw(String method, String rawTarget, String... extraHeaders) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
    request.append("\r\n");
    for (String header : extraHeaders) {
      request.append(header).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return rawExchange(request.toString().getBytes(UTF_8), new byte[0]);
  }

  /** Sends a raw request head and body; returns the status of the answer. */
  int rawExchange(byte[] head, byte[] body) {
    String shown = abbreviate(new String(head, UTF_8).lines().findFirst().orElse(""));
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head);
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before taking the whole body; the answer still counts.
      }
      String statusLine = readLine(socket.getInputStream());
      String[] parts = statusLine.split(" ", 3);
      assertTrue(
          parts.length >= 2 && parts[0].startsWith("HTTP/1."), () -> shown + " -> " + statusLine);
      int status = Integer.parseInt(parts[1]);
      assertSane(status, shown + " -> " + statusLine);
      return status;
    } catch (IOException e) {
      throw new UncheckedIOException(shown, e);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static String query(URI uri) {
    return uri.getRawQuery() == null ? "" : "?" + abbreviate(uri.getRawQuery());
  }

  private static String abbreviate(String text) {
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }
}
