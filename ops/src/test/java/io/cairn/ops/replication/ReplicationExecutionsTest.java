package io.cairn.ops.replication;

import static io.cairn.ops.replication.HarborApi.asOthers;
import static io.cairn.ops.replication.HarborApi.assertHarborShape;
import static io.cairn.ops.replication.HarborApi.created;
import static io.cairn.ops.replication.HarborApi.ids;
import static io.cairn.ops.replication.HarborApi.json;
import static io.cairn.ops.replication.HarborApi.policy;
import static io.cairn.ops.replication.HarborApi.refused;
import static io.cairn.ops.replication.HarborApi.suffix;
import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.replication.ExecutionRecorder;
import io.cairn.events.ActorKind;
import io.cairn.events.RegistryEvent;
import io.cairn.events.ReplicationExecutionFinished;
import io.cairn.events.ReplicationExecutionStarted;
import io.cairn.events.ReplicationExecutionStopRequested;
import io.cairn.events.ReplicationTaskUpdated;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.TestClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, 2 (replication executions): Harbor's {@code /api/v2.0/replication/executions} API on a
 * real Cairn, with tasks written as the engine writes them ({@link ExecutionRecorder}); answers
 * checked against Harbor's own definitions, every refusal, the events on the raw topic, and
 * executions kept through a rebuild from the log.
 */
@ExtendWith(SharedKafka.class)
class ReplicationExecutionsTest {
  private static final String API = "/api/v2.0/replication/executions";
  private static final String POLICIES = "/api/v2.0/replication/policies";
  private static final String REGISTRIES = "/api/v2.0/registries";
  private static final String NEVER = "0001-01-01T00:00:00.000Z";

  @TempDir static Path dir;
  static TestCairn cairn;

  /** Run only by the first test, whose lists count its executions. */
  static long push;

  static long pull;
  static long disabled;

  /** Run by the bad-input test. */
  static long other;

  @BeforeAll
  static void start() throws Exception {
    // The API alone: this test writes the tasks as the engine would, so the engine stays off.
    cairn = TestCairn.start(dir.resolve("cairn"), c -> c.withReplicationWork(false));
    RegistryClient admin = new RegistryClient(cairn.url());
    JsonObject registry =
        new JsonObject()
            .put("name", "peer-" + suffix())
            .put("type", "docker-registry")
            .put("url", "http://peer.example:5000");
    long peer = created(admin.post(REGISTRIES, registry.encode()), REGISTRIES);
    push = createPolicy(admin, policy("push-" + suffix(), "dest_registry", peer));
    pull = createPolicy(admin, policy("pull-" + suffix(), "src_registry", peer));
    other = createPolicy(admin, policy("other-" + suffix(), "dest_registry", peer));
    disabled =
        createPolicy(admin, policy("off-" + suffix(), "dest_registry", peer).put("enabled", false));
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void anExecutionStartsRunsItsTasksStopsAndSurvivesARebuild() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    ExecutionRecorder engine = cairn.cairn().executionRecorder();
    long id = startManual(admin, push);

    JsonObject begun = json(admin.get(API + "/" + id));
    assertEquals(id, begun.getLong("id"));
    assertEquals(push, begun.getLong("policy_id"));
    assertEquals("InProgress", begun.getString("status"));
    assertEquals("manual", begun.getString("trigger"));
    assertEquals(NEVER, begun.getString("end_time"));
    assertEquals("", begun.getString("status_text"));
    assertEquals(List.of(0, 0, 0, 0, 0), counts(begun));
    assertHarborShape("ReplicationExecution", begun);

    // The engine's tasks: two images and a deletion, one failing with a long log.
    String longLog = "é".repeat(3000) + "\n" + "x".repeat(4000) + "\nfailed: target said 403\n";
    await(engine.taskUpdated(task(id, 1, "InProgress", "copy", "image", null)));
    await(engine.taskUpdated(task(id, 2, "InProgress", "copy", "artifact", null)));
    await(engine.taskUpdated(task(id, 3, "Pending", "deletion", "image", null)));
    assertEquals(List.of(3, 0, 0, 3, 0), counts(json(admin.get(API + "/" + id))));
    await(engine.taskUpdated(task(id, 1, "Succeed", "copy", "image", "copied 2 blobs\n")));
    await(engine.taskUpdated(task(id, 2, "Failed", "copy", "artifact", longLog)));
    assertEquals(List.of(3, 1, 1, 1, 0), counts(json(admin.get(API + "/" + id))));

    HttpResponse<String> tasks = admin.get(API + "/" + id + "/tasks");
    expect(200, tasks);
    assertEquals("3", tasks.headers().firstValue("X-Total-Count").orElseThrow());
    JsonArray all = new JsonArray(tasks.body());
    assertEquals(List.of(1L, 2L, 3L), ids(all));
    JsonObject first = all.getJsonObject(0);
    assertEquals(id, first.getLong("execution_id"));
    assertEquals("Succeed", first.getString("status"));
    assertEquals("copy", first.getString("operation"));
    assertEquals("image", first.getString("resource_type"));
    assertEquals("library/app1:[v1]", first.getString("src_resource"));
    assertEquals("mirror/app1:[v1]", first.getString("dst_resource"));
    assertTrue(first.getString("end_time").compareTo(first.getString("start_time")) >= 0);
    assertEquals(NEVER, all.getJsonObject(2).getString("end_time"), "pending: not ended");
    all.forEach(t -> assertHarborShape("ReplicationTask", (JsonObject) t));

    assertEquals(List.of(2L), ids(admin.get(API + "/" + id + "/tasks?status=Failed")));
    assertEquals(List.of(2L), ids(admin.get(API + "/" + id + "/tasks?resource_type=artifact")));
    assertEquals(List.of(3L), ids(admin.get(API + "/" + id + "/tasks?status=Pending")));
    assertEquals(List.of(), ids(admin.get(API + "/" + id + "/tasks?status=Stopped")));
    HttpResponse<String> paged = admin.get(API + "/" + id + "/tasks?page=1&page_size=2");
    assertEquals(List.of(1L, 2L), ids(paged));
    assertEquals("3", paged.headers().firstValue("X-Total-Count").orElseThrow());
    assertTrue(paged.headers().firstValue("Link").orElseThrow().contains("rel=\"next\""));
    assertEquals(List.of(3L), ids(admin.get(API + "/" + id + "/tasks?page=2&page_size=2")));
    assertEquals(List.of(3L, 2L, 1L), ids(admin.get(API + "/" + id + "/tasks?sort=-id")));

    HttpResponse<String> log = admin.get(API + "/" + id + "/tasks/1/log");
    expect(200, log);
    assertTrue(log.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    assertEquals("copied 2 blobs\n", log.body());
    String cut = admin.get(API + "/" + id + "/tasks/2/log").body();
    assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= ExecutionRecorder.LOG_LIMIT);
    assertTrue(cut.endsWith("failed: target said 403\n"), "the end, where it says why");
    assertTrue(cut.startsWith("[log cut to its end: "), cut.substring(0, 40));
    HttpResponse<String> none = admin.get(API + "/" + id + "/tasks/3/log");
    expect(200, none);
    assertEquals("", none.body());

    // Stop: asked once, then the engine stops its tasks and says so.
    expect(200, admin.put(API + "/" + id, "{}"));
    expect(200, admin.put(API + "/" + id, ""));
    assertEquals("InProgress", json(admin.get(API + "/" + id)).getString("status"));
    await(engine.taskUpdated(task(id, 3, "Stopped", "deletion", "image", "stopped\n")));
    await(engine.finished(id, "Stopped", "stopped by request"));
    JsonObject stopped = json(admin.get(API + "/" + id));
    assertEquals("Stopped", stopped.getString("status"));
    assertEquals("stopped by request", stopped.getString("status_text"));
    assertFalse(NEVER.equals(stopped.getString("end_time")));
    assertEquals(List.of(3, 1, 1, 0, 1), counts(stopped));
    expect(200, admin.put(API + "/" + id, ""));
    await(engine.finished(id, "Succeed", "too late"));
    await(engine.taskUpdated(task(id, 2, "Succeed", "copy", "artifact", "retried\n")));
    JsonObject after = json(admin.get(API + "/" + id));
    assertEquals("Stopped", after.getString("status"), "the first finish counts");
    assertEquals(stopped.getString("end_time"), after.getString("end_time"));
    assertEquals(List.of(3, 0, 2, 0, 1), counts(after), "a later task update still counts");
    assertEquals("retried\n", admin.get(API + "/" + id + "/tasks/2/log").body());

    // Other triggers, from the engine, and the list's filters, order and paging.
    long scheduled = await(engine.started(pull, "scheduled"));
    long eventBased = await(engine.started(push, "event_based"));
    await(engine.finished(eventBased, "Succeed", null));
    long again = startManual(admin, push);
    assertTrue(scheduled > id && eventBased > scheduled && again > eventBased);
    List<Long> newestFirst = List.of(again, eventBased, scheduled, id);
    assertEquals(newestFirst, ids(admin.get(API)).subList(0, 4));
    assertEquals(
        List.of(again, eventBased, id), ids(admin.get(API + "?policy_id=" + push)).subList(0, 3));
    assertEquals(List.of(scheduled), ids(admin.get(API + "?policy_id=" + pull)));
    assertEquals(List.of(scheduled), ids(admin.get(API + "?trigger=scheduled")));
    assertEquals(List.of(eventBased), ids(admin.get(API + "?trigger=event_based&status=Succeed")));
    assertEquals(List.of(id), ids(admin.get(API + "?status=Stopped")));
    assertEquals(List.of(), ids(admin.get(API + "?policy_id=" + disabled)));
    HttpResponse<String> page = admin.get(API + "?policy_id=" + push + "&page=1&page_size=2");
    assertEquals("3", page.headers().firstValue("X-Total-Count").orElseThrow());
    assertTrue(page.headers().firstValue("Link").orElseThrow().contains("rel=\"next\""));
    assertEquals(List.of(again, eventBased), ids(page));
    assertEquals(List.of(id), ids(admin.get(API + "?policy_id=" + push + "&page=2&page_size=2")));
    assertEquals(
        List.of(id, eventBased, again), ids(admin.get(API + "?policy_id=" + push + "&sort=id")));
    new JsonArray(admin.get(API).body())
        .forEach(e -> assertHarborShape("ReplicationExecution", (JsonObject) e));

    assertOnTheRawTopic(id, scheduled);

    List<JsonObject> before = List.of(stopped, json(admin.get(API + "/" + scheduled)));
    String tasksBefore = admin.get(API + "/" + id + "/tasks").body();
    cairn = cairn.rebuild();
    admin = new RegistryClient(cairn.url());
    assertEquals(after, json(admin.get(API + "/" + id)));
    assertEquals(before.get(1), json(admin.get(API + "/" + scheduled)));
    assertEquals(
        new JsonArray(tasksBefore), new JsonArray(admin.get(API + "/" + id + "/tasks").body()));
    assertTrue(admin.get(API + "/" + id + "/tasks/2/log").body().equals("retried\n"));
    long next = startManual(admin, push);
    assertTrue(next > again, "ids go on after a rebuild: " + next);
  }

  /** Start, stop, end and tasks are registry-wide events an audit consumer reads. */
  private static void assertOnTheRawTopic(long manual, long scheduled) {
    List<String> seen = new ArrayList<>();
    for (RegistryEvent event :
        TestClients.registryEvents(cairn.audit(), cairn.config().topics().events(), cairn.url())) {
      Object payload = event.getPayload();
      String by = event.getActor().getKind() + ":" + event.getActor().getName();
      if (payload instanceof ReplicationExecutionStarted p) {
        assertEquals("", event.getProject());
        seen.add("started " + p.getExecutionId() + " " + p.getTrigger() + " by " + by);
      } else if (payload instanceof ReplicationTaskUpdated p && p.getExecutionId() == manual) {
        assertTrue(
            p.getLog() == null
                || p.getLog().getBytes(StandardCharsets.UTF_8).length
                    <= ExecutionRecorder.LOG_LIMIT);
        seen.add("task " + p.getTaskId() + " " + p.getStatus());
      } else if (payload instanceof ReplicationExecutionStopRequested p) {
        seen.add("stop " + p.getExecutionId() + " by " + by);
      } else if (payload instanceof ReplicationExecutionFinished p) {
        seen.add("finished " + p.getExecutionId() + " " + p.getStatus() + " by " + by);
      }
    }
    String system = ActorKind.SYSTEM + ":replication";
    assertTrue(seen.contains("started " + manual + " manual by USER:admin"), seen::toString);
    assertTrue(seen.contains("started " + scheduled + " scheduled by " + system), seen::toString);
    assertTrue(seen.contains("task 2 Failed"), seen::toString);
    assertEquals(
        1, seen.stream().filter(s -> s.startsWith("stop " + manual + " ")).count(), "asked once");
    assertTrue(seen.contains("stop " + manual + " by USER:admin"), seen::toString);
    assertTrue(seen.contains("finished " + manual + " Stopped by " + system), seen::toString);
  }

  @Test
  void everyBadInputIsRefusedInHarborsBody() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    long id = startManual(admin, other);
    ExecutionRecorder engine = cairn.cairn().executionRecorder();
    await(engine.taskUpdated(task(id, 1, "InProgress", "copy", "image", "log")));

    HttpResponse<String> unknown = admin.post(API, body(999999));
    refused(404, "NOT_FOUND", unknown);
    assertTrue(unknown.body().contains("replication policy 999999 not found"), unknown.body());
    HttpResponse<String> off = admin.post(API, body(disabled));
    refused(412, "PRECONDITION", off);
    assertTrue(off.body().contains("the policy " + disabled + " is disabled"), off.body());
    for (String bad :
        List.of(
            "{}",
            "{\"policy_id\": \"" + other + "\"}",
            "{\"policy_id\": 0}",
            "{\"policy_id\": -1}",
            "{\"policy_id\": 1.5}",
            "{\"policy_id\": null}",
            "[]",
            "{\"policy_id\": ",
            "")) {
      refused(400, "BAD_REQUEST", admin.post(API, bad));
    }

    for (String path :
        List.of(
            API + "/abc",
            API + "/0",
            API + "/-1",
            API + "/99999999999999999999",
            API + "/abc/tasks",
            API + "/" + id + "/tasks/abc/log",
            API + "/" + id + "/tasks/0/log",
            API + "?policy_id=abc",
            API + "?page_size=1000",
            API + "?page=0",
            API + "?sort=colour",
            API + "/" + id + "/tasks?sort=colour",
            API + "/" + id + "/tasks?page_size=0")) {
      refused(400, "BAD_REQUEST", admin.get(path));
    }
    refused(400, "BAD_REQUEST", admin.put(API + "/abc", ""));
    for (String path :
        List.of(
            API + "/999999",
            API + "/999999/tasks",
            API + "/999999/tasks/1/log",
            API + "/" + id + "/tasks/2/log")) {
      refused(404, "NOT_FOUND", admin.get(path));
    }
    refused(404, "NOT_FOUND", admin.put(API + "/999999", ""));

    // The engine's own bugs are refused before anything is written.
    assertThrows(IllegalArgumentException.class, () -> engine.started(other, "hourly"));
    assertThrows(
        IllegalArgumentException.class,
        () -> engine.taskUpdated(task(id, 1, "Done", "copy", "image", null)));
    assertThrows(
        IllegalArgumentException.class,
        () -> engine.taskUpdated(task(id, 1, "Succeed", "move", "image", null)));
    assertThrows(IllegalArgumentException.class, () -> engine.finished(id, "InProgress", null));
    assertEquals("InProgress", json(admin.get(API + "/" + id)).getString("status"));

    refusedToOthers(admin, id);
  }

  /** Harbor lets only system administrators near executions. */
  private static void refusedToOthers(RegistryClient admin, long id) throws Exception {
    asOthers(
        admin,
        (client, status, code) -> {
          refused(status, code, client.post(API, body(other)));
          refused(status, code, client.get(API));
          refused(status, code, client.get(API + "/" + id));
          refused(status, code, client.put(API + "/" + id, ""));
          refused(status, code, client.get(API + "/" + id + "/tasks"));
          refused(status, code, client.get(API + "/" + id + "/tasks/1/log"));
        });
    JsonObject still = json(admin.get(API + "/" + id));
    assertEquals("InProgress", still.getString("status"), "nobody else stopped it");
    assertEquals(List.of(id), ids(admin.get(API + "?policy_id=" + other)));
  }

  private static long startManual(RegistryClient admin, long policy) throws Exception {
    return created(admin.post(API, body(policy)), API);
  }

  private static long createPolicy(RegistryClient admin, JsonObject policy) throws Exception {
    return created(admin.post(POLICIES, policy.encode()), POLICIES);
  }

  private static ReplicationTaskUpdated task(
      long execution, long task, String status, String operation, String type, String log) {
    return ReplicationTaskUpdated.newBuilder()
        .setExecutionId(execution)
        .setTaskId(task)
        .setKey("library/app" + task + " sha256:" + task)
        .setStatus(status)
        .setOperation(operation)
        .setResourceType(type)
        .setSrcResource("library/app" + task + ":[v1]")
        .setDstResource("mirror/app" + task + ":[v1]")
        .setBytes(task * 1000)
        .setLog(log)
        .build();
  }

  private static <T> T await(Future<T> write) throws Exception {
    return write.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String body(long policy) {
    return new JsonObject().put("policy_id", policy).encode();
  }

  /** total, failed, succeed, in_progress, stopped. */
  private static List<Integer> counts(JsonObject execution) {
    return List.of(
        execution.getInteger("total"),
        execution.getInteger("failed"),
        execution.getInteger("succeed"),
        execution.getInteger("in_progress"),
        execution.getInteger("stopped"));
  }
}
