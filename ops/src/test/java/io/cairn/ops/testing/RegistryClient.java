package io.cairn.ops.testing;

import io.cairn.oci.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal OCI client over java.net.http for tests that need many precise requests: monolithic
 * blob pushes, manifest puts and gets. Thread-safe.
 */
public final class RegistryClient {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final Login login;

  /** A client signed in as {@code login} ({@code null}: anonymous). */
  public RegistryClient(String base, Login login) {
    this.base = base;
    this.login = login;
  }

  /** A client signed in as the bootstrap admin. */
  public RegistryClient(String base) {
    this(base, Login.ADMIN);
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    return login == null ? builder : builder.header("Authorization", login.basic());
  }

  /** Pushes a blob in one POST (end-4b); returns its digest. Fails on any status but 201. */
  public Digest pushBlob(String repository, byte[] bytes) throws IOException, InterruptedException {
    Digest digest = Digest.sha256(bytes);
    HttpResponse<String> r =
        send(
            request(URI.create(base + "/v2/" + repository + "/blobs/uploads/?digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    expect(201, r);
    return digest;
  }

  /**
   * Pushes a small image of its own to {@code repository}:{@code tag}: a config and a layer whose
   * bytes name the repository. Returns the manifest's digest; fails on any status but 201.
   */
  public Digest pushImage(String repository, String tag) throws IOException, InterruptedException {
    byte[] config = ("{\"repo\":\"" + repository + "\"}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = pushBlob(repository, config);
    Digest layer = pushBlob(repository, repository.getBytes(StandardCharsets.UTF_8));
    byte[] manifest = imageManifest(configDigest, config.length, null, 0, layer);
    expect(
        201, putManifest(repository, tag, "application/vnd.oci.image.manifest.v1+json", manifest));
    return Digest.sha256(manifest);
  }

  /** PUTs a manifest under a tag or digest; returns the response (status unchecked). */
  public HttpResponse<String> putManifest(
      String repository, String reference, String mediaType, byte[] body)
      throws IOException, InterruptedException {
    return send(
        request(URI.create(base + "/v2/" + repository + "/manifests/" + reference))
            .header("Content-Type", mediaType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public HttpResponse<byte[]> getManifest(String repository, String reference)
      throws IOException, InterruptedException {
    return http.send(
        request(URI.create(base + "/v2/" + repository + "/manifests/" + reference)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<byte[]> getBlob(String repository, String digest)
      throws IOException, InterruptedException {
    return http.send(
        request(URI.create(base + "/v2/" + repository + "/blobs/" + digest)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(URI.create(base + path)).GET());
  }

  public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(request(URI.create(base + path)).DELETE());
  }

  public HttpResponse<String> put(String path, String json)
      throws IOException, InterruptedException {
    return send(
        request(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> head(String path) throws IOException, InterruptedException {
    return send(
        request(URI.create(base + path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  /** Any request, with this client's credentials unless {@code headers} carry their own. */
  public HttpResponse<String> send(String method, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    boolean authorized = false;
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
      authorized |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (!authorized && login != null) {
      builder.header("Authorization", login.basic());
    }
    return send(builder);
  }

  /** Any request with a body of {@code contentType}, with this client's credentials. */
  public HttpResponse<String> sendBody(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(
        request(URI.create(base + path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The same registry, signed in as {@code other} ({@code null}: anonymous). */
  public RegistryClient as(Login other) {
    return new RegistryClient(base, other);
  }

  public String base() {
    return base;
  }

  public HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return send(
        request(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * An OCI image manifest with this config and layers (each descriptor's media type given), and an
   * optional subject; returns the exact bytes.
   */
  public static byte[] imageManifest(
      Digest config, long configSize, Digest subject, long subjectSize, Digest... layers) {
    StringBuilder json = new StringBuilder();
    json.append(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",");
    json.append(
            "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"")
        .append(config)
        .append("\",\"size\":")
        .append(configSize)
        .append("},\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
          .append(layers[i])
          .append("\",\"size\":1}");
    }
    json.append("]");
    if (subject != null) {
      json.append(
              ",\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
          .append(subject)
          .append("\",\"size\":")
          .append(subjectSize)
          .append("}");
    }
    return json.append("}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public static void expect(int status, HttpResponse<?> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.uri()
              + " → "
              + response.statusCode()
              + " (expected "
              + status
              + "): "
              + response.body());
    }
  }
}
