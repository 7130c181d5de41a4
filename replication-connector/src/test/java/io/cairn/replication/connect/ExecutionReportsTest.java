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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

  /** The test's clock: reports are due when it says so. */
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);

  /** Sends only when the test asks ({@code sendDue}, {@code close}), by the test's clock. */
  private ExecutionReports reports(long policyId) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new ExecutionReports(
        new Endpoint(url, "cairn-replicator", "s3cret", false),
        policyId,
        Duration.ofSeconds(5),
        now::get);
  }

  /** Reports {@code tasks} as a put() would, and sends them as the timer would once due. */
  private void reportNow(ExecutionReports reports, List<ExecutionReports.Task> tasks) {
    reports.report(tasks);
    now.updateAndGet(t -> t.plus(ExecutionReports.GATHER));
    reports.sendDue();
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
  void tasksGatheredForAWhileAreOneExecutionOfThePolicySignedInAsTheSourceAccount()
      throws Exception {
    ExecutionReports reports = reports(7);
    reports.report(tasks(1, "pushed 2 manifests"));
    now.set(now.get().plusSeconds(3));
    reports.report(tasks(1, "pushed 2 manifests"));
    reports.sendDue();
    assertEquals(0, bodies.size(), "not yet due: the first task has waited 3 s");
    now.set(now.get().plus(ExecutionReports.GATHER).minusSeconds(3));
    reports.sendDue();
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
  void aFullReportGoesAtOnceTheRestWhenDueAndLongLogsAreCut() throws Exception {
    ExecutionReports reports = reports(7);
    reports.report(tasks(ExecutionReports.TASKS_PER_REPORT + 4, "x".repeat(5000)));
    reports.sendDue();
    assertEquals(1, bodies.size(), "a full report is due at once");
    now.updateAndGet(t -> t.plus(ExecutionReports.GATHER));
    reports.sendDue();
    assertEquals(2, bodies.size());
    assertEquals(ExecutionReports.TASKS_PER_REPORT, bodies.get(0).get("tasks").size());
    assertEquals(4, bodies.get(1).get("tasks").size());
    String log = bodies.get(0).get("tasks").get(0).get("log").asText();
    assertEquals(ExecutionReports.LOG_CHARS + 1, log.length());
    assertTrue(log.endsWith("…"));
  }

  @Test
  void nothingIsSentWithoutTasksOrWithoutAPolicy() {
    reportNow(reports(7), List.of());
    reportNow(reports(0), tasks(1, "pushed"));
    assertEquals(0, bodies.size());
  }

  @Test
  void closingSendsWhatIsGatheredDueOrNot() {
    ExecutionReports reports = reports(7);
    reports.report(tasks(3, "pushed"));
    reports.close();
    assertEquals(1, bodies.size());
    assertEquals(3, bodies.get(0).get("tasks").size());
  }

  @Test
  void theTimerSendsWhatIsDueWithoutAnotherPut() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (ExecutionReports reports =
        new ExecutionReports(
            new Endpoint(url, "cairn-replicator", "s3cret", false), 7, Duration.ofSeconds(5))) {
      reports.report(tasks(1, "pushed"));
      long deadline = System.nanoTime() + ExecutionReports.GATHER.plusSeconds(5).toNanos();
      while (bodies.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(1, bodies.size(), "sent by the timer once due");
    }
  }

  @Test
  void aSourceThatRefusesForGoodIsToldNothingMoreAndAPassingFailureIsNotThat() {
    ExecutionReports reports = reports(7);
    answer.set(500);
    reportNow(reports, tasks(1, "pushed"));
    reportNow(reports, tasks(1, "pushed"));
    assertEquals(2, bodies.size(), "a 500 may pass: the next run is reported again");
    answer.set(403);
    reportNow(reports, tasks(1, "pushed"));
    reportNow(reports, tasks(1, "pushed"));
    assertEquals(3, bodies.size(), "after a 403 nothing more is sent");
  }

  @Test
  void anUnreachableSourceCostsTheReportNotTheReplication() {
    ExecutionReports unreachable =
        new ExecutionReports(
            new Endpoint(URI.create("http://127.0.0.1:1"), "a", "b", false),
            7,
            Duration.ofSeconds(2),
            now::get);
    reportNow(unreachable, tasks(1, "pushed")); // logged, not thrown
    assertEquals(0, bodies.size());
  }
}
