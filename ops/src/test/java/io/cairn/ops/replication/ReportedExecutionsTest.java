package io.cairn.ops.replication;

import static io.cairn.ops.replication.HarborApi.asOthers;
import static io.cairn.ops.replication.HarborApi.assertHarborShape;
import static io.cairn.ops.replication.HarborApi.created;
import static io.cairn.ops.replication.HarborApi.ids;
import static io.cairn.ops.replication.HarborApi.json;
import static io.cairn.ops.replication.HarborApi.policy;
import static io.cairn.ops.replication.HarborApi.refused;
import static io.cairn.ops.replication.HarborApi.suffix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the event-based replication connector reports ({@code POST
 * /api/v2.0/cairn/replication/executions}) becomes an execution of its policy, trigger {@code
 * event_based}, in Harbor's execution API with its tasks and logs; every malformed report is
 * refused with 400 and writes nothing, and only administrators may report.
 */
@ExtendWith(SharedKafka.class)
class ReportedExecutionsTest {
  private static final String REPORTS = "/api/v2.0/cairn/replication/executions";
  private static final String EXECUTIONS = "/api/v2.0/replication/executions";
  private static final String POLICIES = "/api/v2.0/replication/policies";
  private static final String REGISTRIES = "/api/v2.0/registries";

  @TempDir static Path dir;
  static TestCairn cairn;
  static long eventBased;
  static long manual;

  @BeforeAll
  static void start() throws Exception {
    // The API alone: the reports are made here as the connector makes them.
    cairn = TestCairn.start(dir.resolve("cairn"), c -> c.withReplicationWork(false));
    RegistryClient admin = new RegistryClient(cairn.url());
    JsonObject registry =
        new JsonObject()
            .put("name", "peer-" + suffix())
            .put("type", "docker-registry")
            .put("url", "http://peer.example:5000");
    long peer = created(admin.post(REGISTRIES, registry.encode()), REGISTRIES);
    eventBased =
        created(
            admin.post(
                POLICIES,
                policy("events-" + suffix(), "dest_registry", peer)
                    .put("trigger", new JsonObject().put("type", "event_based"))
                    .encode()),
            POLICIES);
    manual =
        created(
            admin.post(POLICIES, policy("manual-" + suffix(), "dest_registry", peer).encode()),
            POLICIES);
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void aReportIsAFinishedEventBasedExecutionWithItsTasks() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    JsonArray tasks =
        new JsonArray()
            .add(task("Succeed", "copy", "library/app:[v1]", 4096, "pushed 2 manifests"))
            .add(task("Failed", "deletion", "library/app@sha256:ab", 0, "refused: 403 DENIED"));
    long id = created(admin.post(REPORTS, report(eventBased, tasks)), EXECUTIONS);

    JsonObject execution = json(admin.get(EXECUTIONS + "/" + id));
    assertHarborShape("ReplicationExecution", execution);
    assertEquals(eventBased, execution.getLong("policy_id"));
    assertEquals("event_based", execution.getString("trigger"));
    assertEquals("Failed", execution.getString("status"), "a failed task fails the run");
    assertEquals(2, execution.getInteger("total"));
    assertEquals(1, execution.getInteger("succeed"));
    assertEquals(1, execution.getInteger("failed"));
    assertEquals(0, execution.getInteger("in_progress"));

    JsonArray listed = new JsonArray(admin.get(EXECUTIONS + "/" + id + "/tasks").body());
    assertEquals(2, listed.size());
    JsonObject copy = listed.getJsonObject(0);
    assertHarborShape("ReplicationTask", copy);
    assertEquals("library/app:[v1]", copy.getString("src_resource"));
    assertEquals("mirror/app:[v1]", copy.getString("dst_resource"));
    assertEquals("copy", copy.getString("operation"));
    assertEquals("Succeed", copy.getString("status"));
    assertEquals("deletion", listed.getJsonObject(1).getString("operation"));
    String log =
        admin
            .get(EXECUTIONS + "/" + id + "/tasks/" + listed.getJsonObject(1).getLong("id") + "/log")
            .body();
    assertTrue(log.contains("refused: 403 DENIED"), log);

    assertTrue(
        ids(admin.get(EXECUTIONS + "?policy_id=" + eventBased + "&trigger=event_based"))
            .contains(id));
    long succeeded =
        created(
            admin.post(
                REPORTS,
                report(
                    eventBased,
                    new JsonArray().add(task("Succeed", "copy", "library/b:[v2]", 1, "ok")))),
            EXECUTIONS);
    assertEquals("Succeed", json(admin.get(EXECUTIONS + "/" + succeeded)).getString("status"));
  }

  @Test
  void aMalformedReportIsRefusedAndWritesNothing() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    List<Long> before = ids(admin.get(EXECUTIONS + "?page_size=100"));

    HttpResponse<String> unknown = admin.post(REPORTS, report(999999, one(t -> t)));
    refused(404, "NOT_FOUND", unknown);
    HttpResponse<String> notEventBased = admin.post(REPORTS, report(manual, one(t -> t)));
    refused(400, "BAD_REQUEST", notEventBased);
    assertTrue(notEventBased.body().contains("not event-based"), notEventBased.body());

    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 257; i++) {
      tooMany.add(task("Succeed", "copy", "library/app:[v" + i + "]", 0, null));
    }
    List<String> bad = new ArrayList<>();
    bad.add("");
    bad.add("[]");
    bad.add("{\"policy_id\": " + eventBased + "}");
    bad.add("{\"policy_id\": \"" + eventBased + "\", \"tasks\": []}");
    bad.add(report(eventBased, new JsonArray()));
    bad.add(report(eventBased, tooMany));
    bad.add(report(eventBased, new JsonArray().add("copy")));
    bad.add(report(eventBased, one(t -> t.put("status", "InProgress"))));
    bad.add(report(eventBased, one(t -> t.put("status", "Done"))));
    bad.add(report(eventBased, one(t -> t.put("operation", "move"))));
    bad.add(report(eventBased, one(t -> t.put("resource_type", "chart"))));
    bad.add(report(eventBased, one(t -> t.put("src_resource", ""))));
    bad.add(report(eventBased, one(t -> t.remove("dst_resource") == null ? t : t)));
    bad.add(report(eventBased, one(t -> t.put("dst_resource", "m/".repeat(600)))));
    bad.add(report(eventBased, one(t -> t.put("bytes", -1))));
    bad.add(report(eventBased, one(t -> t.put("bytes", "many"))));
    bad.add(report(eventBased, one(t -> t.put("bytes", 1.5))));
    bad.add(report(eventBased, one(t -> t.put("log", 42))));
    for (String body : bad) {
      refused(400, "BAD_REQUEST", admin.post(REPORTS, body));
    }

    asOthers(
        admin,
        (client, status, code) ->
            refused(status, code, client.post(REPORTS, report(eventBased, one(t -> t)))));
    assertEquals(before, ids(admin.get(EXECUTIONS + "?page_size=100")), "nothing was written");
  }

  private static JsonArray one(UnaryOperator<JsonObject> change) {
    return new JsonArray()
        .add(change.apply(task("Succeed", "copy", "library/app:[v1]", 10, "pushed")));
  }

  private static JsonObject task(
      String status, String operation, String src, long bytes, String log) {
    JsonObject task =
        new JsonObject()
            .put("operation", operation)
            .put("resource_type", "image")
            .put("src_resource", src)
            .put("dst_resource", src.replace("library/", "mirror/"))
            .put("status", status)
            .put("bytes", bytes);
    return log == null ? task : task.put("log", log);
  }

  private static String report(long policy, JsonArray tasks) {
    return new JsonObject().put("policy_id", policy).put("tasks", tasks).encode();
  }
}
