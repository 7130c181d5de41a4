package io.cairn.api.replication;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.events.Actor;
import io.cairn.events.ReplicationTaskUpdated;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.PolicyView;
import io.cairn.projection.ReplicationExecutionEntry;
import io.cairn.projection.ReplicationPolicyEntry;
import io.cairn.projection.ReplicationTaskEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v2.0/cairn/replication/executions}: the event-based replication connector
 * reports what a batch of events made it do, and it becomes an execution of the policy with trigger
 * {@code event_based}, listed by Harbor's {@code /replication/executions} with its tasks and their
 * logs, as Harbor shows event-based runs. Not Harbor's API: the connector reaches Cairn only over
 * HTTP, as a plugin on any Connect worker would. System administrators only (the replication
 * account is one). The run has happened; it is recorded finished ({@link
 * ExecutionRecorder#recordedRun}).
 *
 * <p>Body: {@code {"policy_id": 3, "tasks": [{"operation": "copy", "resource_type": "image",
 * "src_resource": "library/app:[v1]", "dst_resource": "mirror/app:[v1]", "status": "Succeed",
 * "bytes": 1234, "log": "…"}]}}. Answers 201 with the execution's {@code Location}; 404 for an
 * unknown policy, 400 for one that is not event-based or anything malformed.
 */
public final class ReportedExecutions {
  static final String PATH = "/api/v2.0/cairn/replication/executions";

  /** More than a connector batch ever holds; a report is one request. */
  static final int MAX_TASKS = 256;

  private static final int MAX_RESOURCE = 1024;
  private static final List<String> FINAL =
      List.of(ReplicationTaskEntry.SUCCEED, ReplicationTaskEntry.FAILED);

  private final Backend backend;
  private final PolicyView policies;
  private final ExecutionRecorder recorder;

  public ReportedExecutions(Backend backend, PolicyView policies, ExecutionRecorder recorder) {
    this.backend = backend;
    this.policies = policies;
    this.recorder = recorder;
  }

  public void mount(Router router) {
    router.post(PATH).handler(AdminOnly.route(backend, this::report));
  }

  private Future<Void> report(RoutingContext ctx, Actor actor) {
    JsonObject body = HarborBody.object(ctx);
    long policyId = ExecutionRoutes.policyId(body);
    List<ReplicationTaskUpdated> tasks = tasks(body.getValue("tasks"));
    ReplicationPolicyEntry policy = ExecutionRoutes.existing(policies, policyId);
    if (!ReplicationExecutionEntry.EVENT_BASED.equals(policy.triggerType())) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "replication policy " + policyId + " is not event-based: its runs are its executions");
    }
    return recorder
        .recordedRun(policy.policyId(), tasks)
        .compose(id -> HarborReply.created(ctx, "/api/v2.0/replication/executions/" + id));
  }

  private static List<ReplicationTaskUpdated> tasks(Object value) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_TASKS) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "tasks is required: an array of 1 to " + MAX_TASKS + " tasks");
    }
    List<ReplicationTaskUpdated> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject task)) {
        throw OciErrorCode.BAD_REQUEST.exception("each task is a JSON object");
      }
      String status = oneOf(task, "status", FINAL);
      String operation = oneOf(task, "operation", List.of("copy", "deletion"));
      String src = resource(task, "src_resource");
      Object bytes = task.getValue("bytes", 0);
      if (!(bytes instanceof Integer || bytes instanceof Long)
          || ((Number) bytes).longValue() < 0) {
        throw OciErrorCode.BAD_REQUEST.exception("bytes is a whole number >= 0, not " + bytes);
      }
      out.add(
          ReplicationTaskUpdated.newBuilder()
              .setExecutionId(0)
              .setTaskId(0)
              .setKey(src)
              .setStatus(status)
              .setOperation(operation)
              .setResourceType(oneOf(task, "resource_type", List.of("image", "artifact")))
              .setSrcResource(src)
              .setDstResource(resource(task, "dst_resource"))
              .setBytes(((Number) bytes).longValue())
              .setLog(HarborBody.optionalString(task, "log"))
              .build());
    }
    return out;
  }

  private static String oneOf(JsonObject task, String field, List<String> allowed) {
    String value = HarborBody.string(task, field);
    if (!allowed.contains(value)) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " is one of " + allowed + ", not " + value);
    }
    return value;
  }

  private static String resource(JsonObject task, String field) {
    String value = HarborBody.string(task, field);
    if (value.length() > MAX_RESOURCE) {
      throw OciErrorCode.BAD_REQUEST.exception(
          field + " is at most " + MAX_RESOURCE + " characters");
    }
    return value;
  }
}
