package io.cairn.ops.bench;

import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

/**
 * Two Cairns in this process, each on an embedded broker of its own with its own data directory and
 * HTTP port, the first replicating to the second: the second is a registry endpoint of the first
 * (type {@code cairn}, signed in as the second's admin) and an enabled {@code event_based} push
 * policy names it, made through Harbor's API as an operator would, so {@code cairn serve}'s own
 * machinery runs the connector.
 */
final class ReplicatingPair implements AutoCloseable {
  private final Cairn source;
  private final Cairn target;
  private final String password;

  /** A Cairn as the bench reaches it; {@code authorization} is its admin's Basic header. */
  record Site(String host, int port, String authorization) {
    URI url(String path) {
      return URI.create("http://" + host + ":" + port + path);
    }
  }

  private ReplicatingPair(Cairn source, Cairn target, String password) {
    this.source = source;
    this.target = target;
    this.password = password;
  }

  /** Starts both under {@code work} and creates the endpoint and the policy. */
  static ReplicatingPair start(Path work, PrintStream out) throws Exception {
    // One password for both admins: the bench is their only user, and it keeps the endpoint simple.
    String password = "Bench-" + UUID.randomUUID();
    Cairn target = Cairn.start(config(work.resolve("target"), password));
    Cairn source;
    try {
      source = Cairn.start(config(work.resolve("source"), password));
    } catch (Exception e) {
      target.close();
      throw e;
    }
    ReplicatingPair pair = new ReplicatingPair(source, target, password);
    try {
      out.println(
          "started source Cairn at "
              + source.url()
              + " and target Cairn at "
              + target.url()
              + ", each on an embedded broker of its own");
      long policy = pair.replicate();
      out.println("source replicates to target by event_based policy " + policy);
      return pair;
    } catch (Exception e) {
      pair.close();
      throw e;
    }
  }

  private static CairnConfig config(Path dir, String password) {
    return CairnConfig.defaults(dir)
        .withListen("127.0.0.1", 0)
        .withKafkaListen("127.0.0.1", 0)
        .withAdminPassword(password);
  }

  Site source() {
    return site(source);
  }

  Site target() {
    return site(target);
  }

  private Site site(Cairn cairn) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    return new Site("127.0.0.1", cairn.port(), basic);
  }

  /** The endpoint and the policy, through the source's Harbor API; the policy's id. */
  private long replicate() throws Exception {
    JsonObject endpoint =
        new JsonObject()
            .put("name", "bench-target")
            .put("type", "cairn")
            .put("url", target.url())
            .put(
                "credential",
                new JsonObject()
                    .put("type", "basic")
                    .put("access_key", "admin")
                    .put("access_secret", password));
    long registry = created("/api/v2.0/registries", endpoint);
    JsonObject policy =
        new JsonObject()
            .put("name", "bench-to-target")
            .put("dest_registry", new JsonObject().put("id", registry))
            .put("trigger", new JsonObject().put("type", "event_based"))
            .put("enabled", true);
    return created("/api/v2.0/replication/policies", policy);
  }

  /** POSTs {@code body} to the source; the id at the end of the 201's {@code Location}. */
  private long created(String path, JsonObject body) throws Exception {
    Site site = source();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(site.url(path))
                    .header("Authorization", site.authorization())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST " + path + " → " + response.statusCode() + ": " + response.body());
    }
    String location = response.headers().firstValue("Location").orElseThrow();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  @Override
  public void close() {
    // the source first: its connector must not retry against a target already gone
    source.close();
    target.close();
  }
}
