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

  public RegistryClient(String base) {
    this.base = base;
  }

  /** Pushes a blob in one POST (end-4b); returns its digest. Fails on any status but 201. */
  public Digest pushBlob(String repository, byte[] bytes) throws IOException, InterruptedException {
    Digest digest = Digest.sha256(bytes);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(base + "/v2/" + repository + "/blobs/uploads/?digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    expect(201, r);
    return digest;
  }

  /** PUTs a manifest under a tag or digest; returns the response (status unchecked). */
  public HttpResponse<String> putManifest(
      String repository, String reference, String mediaType, byte[] body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/manifests/" + reference))
            .header("Content-Type", mediaType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public HttpResponse<byte[]> getManifest(String repository, String reference)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/manifests/" + reference))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
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
