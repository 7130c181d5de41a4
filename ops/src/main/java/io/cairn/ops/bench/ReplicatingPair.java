package io.cairn.ops.bench;

import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

/**
 * Two Cairns in this process, each on an embedded broker of its own with its own data directory and
 * HTTP port, the first replicating to the second: the second is a registry endpoint of the first
 * (type {@code cairn}, signed in as the second's admin) and either an enabled {@code event_based}
 * push policy names it or manual ones do, made through Harbor's API as an operator would, so {@code
 * cairn serve}'s own machinery runs the connector or the executions.
 */
final class ReplicatingPair implements AutoCloseable {
  private final Cairn source;
  private final Cairn target;
  private final String password;

  /** The target's id as a registry endpoint of the source. */
  private long registry;

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

  /** Starts both under {@code work} and creates the endpoint and an event_based policy. */
  static ReplicatingPair start(Path work, PrintStream out) throws Exception {
    ReplicatingPair pair = startLinked(work, out);
    try {
      long policy = pair.eventBased();
      out.println("source replicates to target by event_based policy " + policy);
      return pair;
    } catch (Exception e) {
      pair.close();
      throw e;
    }
  }

  /**
   * Starts both under {@code work} and creates the endpoint alone: nothing replicates until a
   * policy made with {@link #manualPolicy} is executed.
   */
  static ReplicatingPair startLinked(Path work, PrintStream out) throws Exception {
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
      pair.registry = pair.endpoint();
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

  /** The password of both admins (skopeo signs in with it). */
  String password() {
    return password;
  }

  /** The target as a registry endpoint of the source, through the source's Harbor API; its id. */
  private long endpoint() throws Exception {
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
    return new HarborApi(source()).create("/api/v2.0/registries", endpoint);
  }

  /** An enabled event_based policy of everything to the target; its id. */
  private long eventBased() throws Exception {
    JsonObject policy =
        new JsonObject()
            .put("name", "bench-to-target")
            .put("dest_registry", new JsonObject().put("id", registry))
            .put("trigger", new JsonObject().put("type", "event_based"))
            .put("enabled", true);
    return new HarborApi(source()).create("/api/v2.0/replication/policies", policy);
  }

  /**
   * A manual policy named {@code name} that copies {@code repository} ({@code project/name}) to
   * {@code namespace/name} at the target; its id. The target must have project {@code namespace}.
   */
  long manualPolicy(String name, String repository, String namespace) throws Exception {
    JsonObject policy =
        new JsonObject()
            .put("name", name)
            .put("dest_registry", new JsonObject().put("id", registry))
            .put("dest_namespace", namespace)
            .put("dest_namespace_replace_count", 1)
            .put(
                "filters",
                new JsonArray().add(new JsonObject().put("type", "name").put("value", repository)))
            .put("trigger", new JsonObject().put("type", "manual"))
            .put("enabled", true);
    return new HarborApi(source()).create("/api/v2.0/replication/policies", policy);
  }

  @Override
  public void close() {
    // the source first: its connector must not retry against a target already gone
    source.close();
    target.close();
  }
}
