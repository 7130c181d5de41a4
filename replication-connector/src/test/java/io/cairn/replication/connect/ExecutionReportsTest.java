package io.cairn.replication.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cairn.replication.oci.Endpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the connector sends the source about its event-based runs, over real HTTP on loopback. */
class ExecutionReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(201);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        ExecutionReports.PATH,
        exchange -> {
          bodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.get(), reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ExecutionReports reports(long policyId) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new ExecutionReports(
        new Endpoint(url, "cairn-replicator", "s3cret", false), policyId, Duration.ofSeconds(5));
  }

  private static List<ExecutionReports.Task> tasks(int n, String log) {
    List<ExecutionReports.Task> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new ExecutionReports.Task(
              "copy",
              "image",
              "library/app:[v" + i + "]",
              "mirror/app:[v" + i + "]",
              "Succeed",
              i,
              log));
    }
    return out;
  }

  @Test
  void aBatchIsOneExecutionOfThePolicySignedInAsTheSourceAccount() throws Exception {
    reports(7).report(tasks(2, "pushed 2 manifests"));
    assertEquals(1, bodies.size());
    JsonNode body = bodies.get(0);
    assertEquals(7, body.get("policy_id").asLong());
    assertEquals(2, body.get("tasks").size());
    JsonNode first = body.get("tasks").get(0);
    assertEquals("copy", first.get("operation").asText());
    assertEquals("image", first.get("resource_type").asText());
    assertEquals("library/app:[v0]", first.get("src_resource").asText());
    assertEquals("mirror/app:[v0]", first.get("dst_resource").asText());
    assertEquals("Succeed", first.get("status").asText());
    assertEquals("pushed 2 manifests", first.get("log").asText());
    assertEquals(
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("cairn-replicator:s3cret".getBytes(StandardCharsets.UTF_8)),
        authorizations.get(0));
  }

  @Test
  void manyTasksGoInSeveralReportsAndLongLogsAreCut() throws Exception {
    reports(7).report(tasks(ExecutionReports.TASKS_PER_REPORT + 4, "x".repeat(5000)));
    assertEquals(2, bodies.size());
    assertEquals(ExecutionReports.TASKS_PER_REPORT, bodies.get(0).get("tasks").size());
    assertEquals(4, bodies.get(1).get("tasks").size());
    String log = bodies.get(0).get("tasks").get(0).get("log").asText();
    assertEquals(ExecutionReports.LOG_CHARS + 1, log.length());
    assertTrue(log.endsWith("…"));
  }

  @Test
  void nothingIsSentWithoutTasksOrWithoutAPolicy() {
    reports(7).report(List.of());
    reports(0).report(tasks(1, "pushed"));
    assertEquals(0, bodies.size());
  }

  @Test
  void aSourceThatRefusesForGoodIsToldNothingMoreAndAPassingFailureIsNotThat() {
    ExecutionReports reports = reports(7);
    answer.set(500);
    reports.report(tasks(1, "pushed"));
    reports.report(tasks(1, "pushed"));
    assertEquals(2, bodies.size(), "a 500 may pass: the next run is reported again");
    answer.set(403);
    reports.report(tasks(1, "pushed"));
    reports.report(tasks(1, "pushed"));
    assertEquals(3, bodies.size(), "after a 403 nothing more is sent");
  }

  @Test
  void anUnreachableSourceCostsTheReportNotTheReplication() {
    ExecutionReports unreachable =
        new ExecutionReports(
            new Endpoint(URI.create("http://127.0.0.1:1"), "a", "b", false),
            7,
            Duration.ofSeconds(2));
    unreachable.report(tasks(1, "pushed")); // logged, not thrown
    assertEquals(0, bodies.size());
  }
}
