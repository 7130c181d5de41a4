package io.cairn.ops.replication;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.bench.PeerRegistry;
import io.cairn.ops.clients.Skopeo;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harbor's manual executions against real registries: a push from Cairn to CNCF distribution that
 * survives the target being killed midway (it goes on from where it stopped: nothing missing,
 * nothing copied twice), a pull from distribution into Cairn that links the signature to its
 * subject there, and a stop that ends an execution within seconds.
 */
@ExtendWith(SharedKafka.class)
class ManualExecutionsTest {
  static final String EXECUTIONS = "/api/v2.0/replication/executions";
  static final Duration FINISH = Duration.ofSeconds(120);
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";

  @TempDir static Path dir;
  static TestCairn cairn;
  static RegistryClient client;
  static PeerRegistry peer;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PeerRegistry.installed(), "docker-registry is not installed: skipped");
    cairn = TestCairn.start(dir.resolve("cairn"));
    client = new RegistryClient(cairn.url());
    peer = PeerRegistry.start(dir.resolve("peer"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (peer != null) {
      peer.close();
    }
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void aPushGoesOnAfterItsTargetWasKilledAndFinishesWithNothingMissingOrTwice() throws Exception {
    new Accounts(client).project("bulk", false);
    Map<String, Digest> images = new LinkedHashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 24; i++) {
      String repo = "bulk/r" + (i < 10 ? "0" : "") + i;
      images.put(repo, pushImage(repo, 256 * 1024, random));
    }
    long registry = endpoint("dr-bulk", "docker-registry", peer.url());
    // 2 MB/s: about 3 s in all, so the target can be killed in the middle
    long policy =
        policy(
            new JsonObject()
                .put("name", "bulk-to-dr")
                .put("dest_registry", new JsonObject().put("id", registry))
                .put("filters", new JsonArray().add(nameFilter("bulk/**")))
                .put("speed", 2048));
    long execution = startExecution(policy);
    awaitExecution(execution, e -> e.getInteger("succeed") >= 3, "three tasks to succeed");
    int port = peer.port();
    peer.kill();
    // longer than a task's own retries (15 s): the tasks fail, and the execution waits and goes on
    Thread.sleep(18_000);
    peer = PeerRegistry.start(dir.resolve("peer"), port);

    JsonObject done =
        awaitExecution(
            execution, e -> !"InProgress".equals(e.getString("status")), "the execution to end");
    assertEquals("Succeed", done.getString("status"), done::encodePrettily);
    assertEquals(24, done.getInteger("total"), done::encodePrettily);
    assertEquals(24, done.getInteger("succeed"), done::encodePrettily);
    // the last round skipped what the rounds before the outage had copied
    assertTrue(
        done.getString("status_text").matches(".* [1-9][0-9]* done before, of 24"),
        done::encodePrettily);
    JsonArray tasks = new JsonArray(get(EXECUTIONS + "/" + execution + "/tasks?page_size=100"));
    Set<String> resources = new HashSet<>();
    for (Object t : tasks) {
      JsonObject task = (JsonObject) t;
      assertEquals("Succeed", task.getString("status"), task::encode);
      assertTrue(resources.add(task.getString("src_resource")), "one task per image: " + task);
    }
    assertEquals(24, resources.size());
    RegistryClient target = new RegistryClient(peer.url());
    for (Map.Entry<String, Digest> image : images.entrySet()) {
      HttpResponse<String> manifest =
          target.send(
              "HEAD",
              "/v2/" + image.getKey() + "/manifests/v1",
              "Accept",
              "application/vnd.oci.image.manifest.v1+json");
      assertEquals(200, manifest.statusCode(), image.getKey());
      assertEquals(
          image.getValue().toString(),
          manifest.headers().firstValue("Docker-Content-Digest").orElse(""),
          image.getKey());
      assertEquals(
          new JsonArray().add("v1"),
          new JsonObject(target.get("/v2/" + image.getKey() + "/tags/list").body())
              .getJsonArray("tags"));
    }
    Skopeo.Result inspected =
        new Skopeo(dir, Duration.ofSeconds(60))
            .inspect("docker://127.0.0.1:" + port + "/bulk/r07:v1")
            .expectSuccess();
    assertTrue(inspected.stdout().contains(images.get("bulk/r07").toString()), inspected::toString);
  }

  @Test
  void aPullFromDistributionBringsTheSignatureAndCairnLinksItToItsSubject() throws Exception {
    // distribution takes no monolithic POST: skopeo puts the signed image there, as a user would
    Skopeo skopeo = new Skopeo(dir, Duration.ofSeconds(60)).as(null);
    String layout = "oci:" + FixtureLayout.cosignRoot() + ":app:";
    String there = "docker://127.0.0.1:" + peer.port() + "/library/app:";
    skopeo.copy("--preserve-digests", layout + "v1", there + "v1").expectSuccess();
    skopeo.copy("--preserve-digests", layout + APP_SIG, there + APP_SIG).expectSuccess();
    new Accounts(client).project("mirror", false);
    long registry = endpoint("dr-source", "docker-registry", peer.url());
    long policy =
        policy(
            new JsonObject()
                .put("name", "pull-from-dr")
                .put("src_registry", new JsonObject().put("id", registry))
                .put("dest_namespace", "mirror")
                .put("filters", new JsonArray().add(nameFilter("library/app"))));
    long execution = startExecution(policy);
    JsonObject done =
        awaitExecution(
            execution, e -> !"InProgress".equals(e.getString("status")), "the execution to end");
    assertEquals("Succeed", done.getString("status"), done::encodePrettily);
    assertEquals(1, done.getInteger("total"), "the signature travels in its subject's task");

    HttpResponse<byte[]> pulled = client.getManifest("mirror/app", "v1");
    assertEquals(200, pulled.statusCode());
    assertEquals(APP, Digest.sha256(pulled.body()).toString());
    JsonArray accessories =
        new JsonArray(
            get("/api/v2.0/projects/mirror/repositories/app/artifacts/" + APP + "/accessories"));
    assertEquals(1, accessories.size(), accessories::encode);
    assertEquals("signature.cosign", accessories.getJsonObject(0).getString("type"));
  }

  @Test
  void aStopEndsAnExecutionWithinSeconds() throws Exception {
    new Accounts(client).project("halt", false);
    client.pushImage("halt/app", "v1");
    // nothing listens there: every copy fails and is retried, so the execution runs until stopped
    long registry = endpoint("nowhere", "docker-registry", "http://127.0.0.1:9");
    long policy =
        policy(
            new JsonObject()
                .put("name", "to-nowhere")
                .put("dest_registry", new JsonObject().put("id", registry))
                .put("filters", new JsonArray().add(nameFilter("halt/**"))));
    long execution = startExecution(policy);
    Thread.sleep(1000);
    expect(200, client.put(EXECUTIONS + "/" + execution, "{}"));
    long asked = System.nanoTime();
    JsonObject done =
        awaitExecution(execution, e -> !"InProgress".equals(e.getString("status")), "the stop");
    assertEquals("Stopped", done.getString("status"), done::encodePrettily);
    assertTrue(
        System.nanoTime() - asked < Duration.ofSeconds(10).toNanos(),
        "stopped in " + Duration.ofNanos(System.nanoTime() - asked));
  }

  /** An image of one random layer, tagged v1: its own blobs, so its copy moves real bytes. */
  private static Digest pushImage(String repo, int layerBytes, Random random) throws Exception {
    byte[] layer = new byte[layerBytes];
    random.nextBytes(layer);
    byte[] config = ("{\"repo\":\"" + repo + "\"}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = client.pushBlob(repo, config);
    Digest layerDigest = client.pushBlob(repo, layer);
    // sizes as they are: a copy moves exactly the bytes a descriptor declares
    byte[] manifest =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
            .put(
                "config",
                new JsonObject()
                    .put("mediaType", "application/vnd.oci.image.config.v1+json")
                    .put("digest", configDigest.toString())
                    .put("size", config.length))
            .put(
                "layers",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("mediaType", "application/vnd.oci.image.layer.v1.tar")
                            .put("digest", layerDigest.toString())
                            .put("size", layer.length)))
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    expect(
        201,
        client.putManifest(repo, "v1", "application/vnd.oci.image.manifest.v1+json", manifest));
    return Digest.sha256(manifest);
  }

  private static JsonObject nameFilter(String pattern) {
    return new JsonObject().put("type", "name").put("value", pattern);
  }

  private static long endpoint(String name, String type, String url) throws Exception {
    JsonObject body = new JsonObject().put("name", name).put("type", type).put("url", url);
    return created(client.post("/api/v2.0/registries", body.encode()));
  }

  private static long policy(JsonObject body) throws Exception {
    body.put("trigger", new JsonObject().put("type", "manual")).put("enabled", true);
    return created(client.post("/api/v2.0/replication/policies", body.encode()));
  }

  private static long startExecution(long policy) throws Exception {
    return created(client.post(EXECUTIONS, new JsonObject().put("policy_id", policy).encode()));
  }

  private static JsonObject awaitExecution(long id, Predicate<JsonObject> until, String what)
      throws Exception {
    long deadline = System.nanoTime() + FINISH.toNanos();
    JsonObject seen = null;
    while (System.nanoTime() < deadline) {
      seen = new JsonObject(get(EXECUTIONS + "/" + id));
      if (until.test(seen)) {
        return seen;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "waited in vain for "
            + what
            + ": "
            + seen
            + " tasks "
            + get(EXECUTIONS + "/" + id + "/tasks?page_size=100")
            + " the first task's log: "
            + client.get(EXECUTIONS + "/" + id + "/tasks/1/log").body());
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r = client.get(path);
    expect(200, r);
    return r.body();
  }

  private static long created(HttpResponse<String> response) {
    expect(201, response);
    String location = response.headers().firstValue("Location").orElseThrow();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }
}
