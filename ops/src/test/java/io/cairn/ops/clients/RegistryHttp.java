package io.cairn.ops.clients;

import io.cairn.ops.testing.Login;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP requests to the registry, to check what the clients under test cannot show. */
final class RegistryHttp {
  /** Every manifest type a client would accept. */
  static final String ACCEPT_MANIFESTS =
      String.join(
          ",",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  RegistryHttp(String base) {
    this.base = base;
  }

  HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return send(request(path).header("Accept", ACCEPT_MANIFESTS).GET());
  }

  HttpResponse<byte[]> head(String path) throws IOException, InterruptedException {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<byte[]> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The body as JSON; fails (with the body) unless the status is {@code status}. */
  static JsonObject json(HttpResponse<byte[]> response, int status) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
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
              + body);
    }
    return new JsonObject(body);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", Login.ADMIN.basic());
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
