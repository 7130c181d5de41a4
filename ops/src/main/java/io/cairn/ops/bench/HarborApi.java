package io.cairn.ops.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Harbor's API of one Cairn as its admin uses it: what the replication benches set up (endpoints,
 * policies, projects, executions) is made the way an operator would make it, so {@code cairn
 * serve}'s own machinery runs it.
 */
final class HarborApi {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ReplicatingPair.Site site;

  HarborApi(ReplicatingPair.Site site) {
    this.site = site;
  }

  /**
   * POSTs {@code body} to {@code path}; the id at the end of the 201's {@code Location} (0 if it
   * has none, as a project's creation need not).
   */
  long create(String path, JsonObject body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(site.url(path))
                .header("Authorization", site.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IOException(
          "POST " + path + " → " + response.statusCode() + ": " + response.body());
    }
    String location = response.headers().firstValue("Location").orElse("");
    String id = location.substring(location.lastIndexOf('/') + 1);
    return id.matches("[0-9]+") ? Long.parseLong(id) : 0;
  }

  /** GETs {@code path}, a JSON object. */
  JsonObject object(String path) throws IOException, InterruptedException {
    return new JsonObject(get(path));
  }

  /** GETs {@code path}: the body of its 200. */
  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(site.url(path))
                .header("Authorization", site.authorization())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " → " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
