package io.cairn.replication.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.replication.oci.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the source Cairn what event-based replication did, so that it shows as Harbor's executions
 * of the policy (trigger {@code event_based}, each with its tasks and their logs) beside the manual
 * and scheduled ones: {@code POST /api/v2.0/cairn/replication/executions}. Tasks are gathered for
 * up to {@link #GATHER} (or {@value #TASKS_PER_REPORT} tasks) and reported as one execution: a
 * report is a write at the source that the connector then reads back, and one per batch of events
 * was a fifth more events than the pushes it replicated (at 20 signed images a second). Best
 * effort: the copies stand whether or not their report is recorded, so a report that fails is
 * logged and dropped, never retried into the replication's way, and tasks gathered when a worker
 * dies are not reported. A source that refuses reports for good (no such route, or an account that
 * is not an administrator) is told nothing more.
 */
final class ExecutionReports implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutionReports.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PATH = "/api/v2.0/cairn/replication/executions";

  /**
   * Tasks per report and characters per task log: a report stays well inside the 64 KiB a Harbor
   * API body may have (a log keeps its start, where it says what was copied or why it failed).
   */
  static final int TASKS_PER_REPORT = 32;

  static final int LOG_CHARS = 1000;

  /** How long a task may wait for others to share its execution. */
  static final Duration GATHER = Duration.ofSeconds(5);

  /** One task as Harbor lists it; {@code status} is {@code Succeed} or {@code Failed}. */
  record Task(
      String operation,
      String resourceType,
      String srcResource,
      String dstResource,
      String status,
      long bytes,
      String log) {}

  private final Endpoint source;
  private final long policyId;
  private final HttpClient http;
  private final Duration timeout;
  private final Supplier<Instant> clock;
  private final ScheduledExecutorService timer;
  private final List<Task> gathered = new ArrayList<>();
  private Instant oldest;
  private volatile boolean refused;

  /**
   * Reports from a thread of its own, so a slow source never holds up a batch of copies.
   *
   * @param policyId the policy this connector runs; 0: none (a connector configured by hand), and
   *     nothing is reported
   */
  ExecutionReports(Endpoint source, long policyId, Duration timeout) {
    this(source, policyId, timeout, Instant::now);
    timer.scheduleWithFixedDelay(this::sendDue, 1, 1, TimeUnit.SECONDS);
  }

  /** Sends only when {@link #sendDue} or {@link #close} is called: for tests, on their clock. */
  ExecutionReports(Endpoint source, long policyId, Duration timeout, Supplier<Instant> clock) {
    this.source = source;
    this.policyId = policyId;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cairn-replication-reports");
              t.setDaemon(true);
              return t;
            });
  }

  /** Gathers {@code tasks} to be reported; a full report goes at once. */
  void report(List<Task> tasks) {
    if (policyId <= 0 || refused || tasks.isEmpty()) {
      return;
    }
    boolean full;
    synchronized (this) {
      if (gathered.isEmpty()) {
        oldest = clock.get();
      }
      gathered.addAll(tasks);
      full = gathered.size() >= TASKS_PER_REPORT;
    }
    if (full && !timer.isShutdown()) {
      timer.execute(this::sendDue);
    }
  }

  /**
   * Sends what is due: every full report, and all that was gathered once its oldest task has waited
   * {@link #GATHER}.
   */
  void sendDue() {
    List<Task> due;
    while (!(due = take(false)).isEmpty()) {
      send(due);
    }
  }

  /** Reports everything gathered (the task stops) and stops reporting. */
  @Override
  public void close() {
    timer.shutdownNow();
    List<Task> rest;
    while (!(rest = take(true)).isEmpty()) {
      send(rest);
    }
  }

  /** The next report to send, or none; {@code all}: whatever is gathered, due or not. */
  private synchronized List<Task> take(boolean all) {
    int n;
    if (gathered.size() >= TASKS_PER_REPORT) {
      n = TASKS_PER_REPORT;
    } else if (!gathered.isEmpty() && (all || !clock.get().isBefore(oldest.plus(GATHER)))) {
      n = gathered.size();
    } else {
      return List.of();
    }
    List<Task> due = new ArrayList<>(gathered.subList(0, n));
    gathered.subList(0, n).clear();
    return due;
  }

  private void send(List<Task> tasks) {
    if (refused) {
      return;
    }
    try {
      HttpResponse<String> response =
          http.send(request(tasks), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 403 || status == 404 || status == 405) {
        refused = true;
        log.warn(
            "the source does not record event-based executions of policy {} (HTTP {}: {});"
                + " replication goes on without them",
            policyId,
            status,
            response.body());
      } else if (status != 201) {
        log.warn(
            "an event-based execution of {} tasks was not recorded: HTTP {} {}",
            tasks.size(),
            status,
            response.body());
      }
    } catch (IOException e) {
      log.warn(
          "an event-based execution of {} tasks was not recorded: {}", tasks.size(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest request(List<Task> tasks) {
    ObjectNode body = JSON.createObjectNode().put("policy_id", policyId);
    ArrayNode list = body.putArray("tasks");
    for (Task t : tasks) {
      list.addObject()
          .put("operation", t.operation())
          .put("resource_type", t.resourceType())
          .put("src_resource", t.srcResource())
          .put("dst_resource", t.dstResource())
          .put("status", t.status())
          .put("bytes", t.bytes())
          .put(
              "log",
              t.log().length() > LOG_CHARS ? t.log().substring(0, LOG_CHARS) + "…" : t.log());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(source.url().resolve(PATH))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (source.username() != null) {
      request.header("Authorization", source.basicAuthorization());
    }
    return request.build();
  }
}
