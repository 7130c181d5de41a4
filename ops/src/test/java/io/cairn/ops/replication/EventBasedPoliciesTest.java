package io.cairn.ops.replication;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-based policies made through Harbor's API run by themselves inside a real Cairn: the policy
 * is a connector on the embedded Connect worker, with no set-up, and the signed image it selects
 * arrives at a second real Cairn. The target's password is given to the worker only as a
 * placeholder, so the worker's own REST interface never shows it. Disabling a policy stops its
 * connector; enabling it again resumes from where it stopped; deleting it removes the connector.
 */
@ExtendWith(SharedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventBasedPoliciesTest {
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final String REPO = "library/app";
  static final String POLICIES = "/api/v2.0/replication/policies";
  static final Duration ARRIVAL = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static TestCairn source;
  static TestCairn target;
  static RegistryClient client;
  static TargetManifests targetManifests;
  static final FixtureLayout cosign = FixtureLayout.cosign();
  static long policyId;
  static JsonObject policy;

  @BeforeAll
  static void start() throws Exception {
    source = TestCairn.start(dir.resolve("source"));
    target = TestCairn.start(dir.resolve("target"));
    client = new RegistryClient(source.url());
    targetManifests = new TargetManifests(target.url());
  }

  @AfterAll
  static void stop() {
    for (TestCairn cairn : new TestCairn[] {target, source}) {
      if (cairn != null) {
        cairn.close();
      }
    }
  }

  @Test
  @Order(1)
  void aPolicyMadeThroughTheApiRunsAndCarriesASignedImage() throws Exception {
    JsonObject endpoint =
        new JsonObject()
            .put("name", "site-b")
            .put("type", "cairn")
            .put("url", target.url())
            .put(
                "credential",
                new JsonObject()
                    .put("type", "basic")
                    .put("access_key", "admin")
                    .put("access_secret", Login.ADMIN.secret()));
    long registryId = created(client.post("/api/v2.0/registries", endpoint.encode()));
    policy =
        new JsonObject()
            .put("name", "to-site-b")
            .put("dest_registry", new JsonObject().put("id", registryId))
            .put("trigger", new JsonObject().put("type", "event_based"))
            .put("enabled", true);
    policyId = created(client.post(POLICIES, policy.encode()));

    expect(201, cosign.push(client, "app:v1", REPO, "v1"));
    expect(201, cosign.push(client, "app:" + APP_SIG, REPO, APP_SIG));
    targetManifests.awaitDigest(REPO, "v1", APP, ARRIVAL, EventBasedPoliciesTest::why);
    targetManifests.awaitDigest(
        REPO, APP_SIG, cosign.digestOf("app:" + APP_SIG), ARRIVAL, EventBasedPoliciesTest::why);

    // What the connector did shows as the policy's executions, as Harbor shows event-based runs.
    await(
        () ->
            eventBasedTasks().stream()
                .anyMatch(t -> t.contains(REPO + ":[v1]") && t.contains("Succeed")),
        "an event-based execution that copied " + REPO + ":[v1]");
  }

  /** Each task of the policy's event-based executions: its resources, status and log, as text. */
  private static List<String> eventBasedTasks() {
    List<String> out = new ArrayList<>();
    try {
      String api = "/api/v2.0/replication/executions";
      for (Object e :
          new JsonArray(client.get(api + "?trigger=event_based&policy_id=" + policyId).body())) {
        long id = ((JsonObject) e).getLong("id");
        for (Object t : new JsonArray(client.get(api + "/" + id + "/tasks").body())) {
          JsonObject task = (JsonObject) t;
          out.add(
              task.getString("src_resource")
                  + " "
                  + task.getString("status")
                  + " "
                  + client.get(api + "/" + id + "/tasks/" + task.getLong("id") + "/log").body());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Test
  @Order(2)
  void theWorkersRestInterfaceShowsAPlaceholderNeverThePassword() throws Exception {
    String name = ConnectorPlan.PREFIX + policyId;
    HttpResponse<String> config =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        worker().restUrl().resolve("/connectors/" + name + "/config"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    expect(200, config);
    assertFalse(config.body().contains(Login.ADMIN.secret()), config.body());
    JsonObject settings = new JsonObject(config.body());
    assertTrue(
        settings.getString("target.password").matches("\\$\\{cairn:registry-[0-9]+:password}"),
        config.body());
    assertTrue(
        settings.getString("cairn.password").equals("${cairn:source:password}"), config.body());
    assertEquals("cairn-replicator", settings.getString("cairn.username"));
  }

  /**
   * Both sites enforce cosign signatures in project {@code signed}: a subject pushed unsigned is
   * held at the source until its signature exists, so the target never holds it unsigned and a pull
   * there never meets a 412 for an artifact that is signed at the source.
   */
  @Test
  @Order(3)
  void aSubjectInATrustEnforcingProjectWaitsForItsSignature() throws Exception {
    Map<String, String> enforcing = Map.of("public", "true", "enable_content_trust_cosign", "true");
    new Accounts(client).project("signed", enforcing);
    new Accounts(new RegistryClient(target.url())).project("signed", enforcing);
    String repo = "signed/app";
    expect(201, cosign.push(client, "app:v1", repo, "v1"));
    // Later in the same repository's partition: once it is at the target, v1 has been considered.
    String other = cosign.pushSigned(client, "other", repo, "other");
    targetManifests.awaitDigest(repo, "other", other, ARRIVAL, EventBasedPoliciesTest::why);
    assertEquals(404, targetManifests.status(repo, "v1"), "held: never there unsigned (a 412)");

    expect(201, cosign.push(client, "app:" + APP_SIG, repo, APP_SIG));
    targetManifests.awaitDigest(repo, "v1", APP, ARRIVAL, EventBasedPoliciesTest::why);
    assertEquals(200, targetManifests.status(repo, "v1"), "signed there: the gate lets it by");
  }

  @Test
  @Order(4)
  void disablingStopsTheConnectorAndEnablingResumesWhereItStopped() throws Exception {
    String name = ConnectorPlan.PREFIX + policyId;
    expect(200, client.put(POLICIES + "/" + policyId, policy.put("enabled", false).encode()));
    await(() -> !worker().connectors().contains(name), "the disabled policy's connector to go");

    String other = cosign.digestOf("other:v1");
    expect(201, cosign.push(client, "other:v1", REPO, "v2"));
    Thread.sleep(2000);
    assertEquals(404, targetManifests.status(REPO, "v2"), "a disabled policy replicates nothing");

    expect(200, client.put(POLICIES + "/" + policyId, policy.put("enabled", true).encode()));
    targetManifests.awaitDigest(REPO, "v2", other, ARRIVAL, EventBasedPoliciesTest::why);
  }

  @Test
  @Order(5)
  void deletingThePolicyRemovesItsConnector() throws Exception {
    String name = ConnectorPlan.PREFIX + policyId;
    expect(200, client.delete(POLICIES + "/" + policyId));
    await(() -> !worker().connectors().contains(name), "the deleted policy's connector to go");
  }

  private static EmbeddedConnect worker() {
    return source.cairn().replicationWorker().orElseThrow();
  }

  private static String why() {
    return source
        .cairn()
        .replicationWorker()
        .map(w -> "; connectors " + w.connectors() + " " + status(w))
        .orElse("; the replication worker never started");
  }

  /** The connector's and its task's states, and where the task's thread is: for a stalled run. */
  private static String status(EmbeddedConnect worker) {
    StringBuilder out = new StringBuilder();
    try {
      ConnectorStateInfo info = worker.status(ConnectorPlan.PREFIX + policyId);
      out.append("connector ").append(info.connector().state());
      info.tasks()
          .forEach(t -> out.append(", task ").append(t.state()).append(" ").append(t.trace()));
    } catch (RuntimeException e) {
      out.append(e);
    }
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (thread.getName().startsWith("task-thread-")) {
                out.append("\n").append(thread.getName());
                for (StackTraceElement frame : stack) {
                  out.append("\n  at ").append(frame);
                }
              }
            });
    return out.toString();
  }

  private static void await(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited in vain for " + what + why());
      }
      Thread.sleep(100);
    }
  }

  private static long created(HttpResponse<String> response) {
    expect(201, response);
    String location = response.headers().firstValue("Location").orElseThrow();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }
}
