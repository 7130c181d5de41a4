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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the source Cairn what event-based replication did, so that it shows as Harbor's executions
 * of the policy (trigger {@code event_based}, one per batch of events that changed the target, each
 * with its tasks and their logs) beside the manual and scheduled ones: {@code POST
 * /api/v2.0/cairn/replication/executions}. Best effort: the copies stand whether or not their
 * report is recorded, so a report that fails is logged and dropped, never retried into the
 * replication's way. A source that refuses reports for good (no such route, or an account that is
 * not an administrator) is told nothing more.
 */
final class ExecutionReports {
  private static final Logger log = LoggerFactory.getLogger(ExecutionReports.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PATH = "/api/v2.0/cairn/replication/executions";

  /**
   * Tasks per report and characters per task log: a report stays well inside the 64 KiB a Harbor
   * API body may have (a log keeps its start, where it says what was copied or why it failed).
   */
  static final int TASKS_PER_REPORT = 16;

  static final int LOG_CHARS = 2000;

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
  private volatile boolean refused;

  /**
   * @param policyId the policy this connector runs; 0: none (a connector configured by hand), and
   *     nothing is reported
   */
  ExecutionReports(Endpoint source, long policyId, Duration timeout) {
    this.source = source;
    this.policyId = policyId;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * Records {@code tasks} as one execution ({@value #TASKS_PER_REPORT} tasks each, when more);
   * nothing when there are none.
   */
  void report(List<Task> tasks) {
    for (int i = 0; i < tasks.size(); i += TASKS_PER_REPORT) {
      send(tasks.subList(i, Math.min(tasks.size(), i + TASKS_PER_REPORT)));
    }
  }

  private void send(List<Task> tasks) {
    if (policyId <= 0 || refused) {
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
