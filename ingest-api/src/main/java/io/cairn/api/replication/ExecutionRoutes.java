package io.cairn.api.replication;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborPage;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.HarborSort;
import io.cairn.events.Actor;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.ExecutionView;
import io.cairn.projection.PolicyView;
import io.cairn.projection.ReplicationExecutionEntry;
import io.cairn.projection.ReplicationPolicyEntry;
import io.cairn.projection.ReplicationTaskEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Harbor's replication-execution API ({@code /api/v2.0/replication/executions}), for system
 * administrators only, as in Harbor: start a run of a policy, list and read runs and their tasks,
 * ask one to stop, read a task's log. Starting and stopping write events ({@link
 * ExecutionRecorder}); the engine that runs an execution reads them and reports back the same way.
 */
public final class ExecutionRoutes {
  private static final String BASE = "/api/v2.0/replication/executions";

  private static final Map<String, Comparator<ReplicationExecutionEntry>> EXECUTION_SORTS =
      Map.of(
          "id", Comparator.comparingLong(ReplicationExecutionEntry::executionId),
          "start_time", Comparator.comparingLong(ReplicationExecutionEntry::startTime),
          "end_time", Comparator.comparingLong(ReplicationExecutionEntry::endTime),
          "status", Comparator.comparing(ReplicationExecutionEntry::status));

  private static final Map<String, Comparator<ReplicationTaskEntry>> TASK_SORTS =
      Map.of(
          "id", Comparator.comparingLong(ReplicationTaskEntry::taskId),
          "start_time", Comparator.comparingLong(ReplicationTaskEntry::startTime),
          "end_time", Comparator.comparingLong(ReplicationTaskEntry::endTime),
          "status", Comparator.comparing(ReplicationTaskEntry::status));

  private final Backend backend;
  private final ExecutionView executions;
  private final PolicyView policies;
  private final ExecutionRecorder recorder;

  public ExecutionRoutes(
      Backend backend, ExecutionView executions, PolicyView policies, ExecutionRecorder recorder) {
    this.backend = backend;
    this.executions = executions;
    this.policies = policies;
    this.recorder = recorder;
  }

  public void mount(Router router) {
    router.post(BASE).handler(AdminOnly.route(backend, this::start));
    router.get(BASE).handler(AdminOnly.route(backend, this::list));
    router.get(BASE + "/:id").handler(AdminOnly.route(backend, this::one));
    router.put(BASE + "/:id").handler(AdminOnly.route(backend, this::stop));
    router.get(BASE + "/:id/tasks").handler(AdminOnly.route(backend, this::tasks));
    router.get(BASE + "/:id/tasks/:task_id/log").handler(AdminOnly.route(backend, this::log));
  }

  /**
   * Harbor's {@code startReplication}: 404 for an unknown policy, 412 for a disabled one (Harbor's
   * {@code PreconditionCode}), both checked in turn with the policy writes.
   */
  private Future<Void> start(RoutingContext ctx, Actor actor) {
    long policyId = policyId(HarborBody.object(ctx));
    return recorder
        .started(actor, policyId, ReplicationExecutionEntry.MANUAL, () -> requireRunnable(policyId))
        .compose(id -> HarborReply.created(ctx, BASE + "/" + id));
  }

  private void requireRunnable(long policyId) {
    ReplicationPolicyEntry policy = existing(policies, policyId);
    if (!policy.enabled()) {
      throw OciErrorCode.PRECONDITION.exception("the policy " + policyId + " is disabled");
    }
  }

  /** Harbor's filters: {@code policy_id}, {@code status}, {@code trigger}; newest first. */
  private Future<Void> list(RoutingContext ctx, Actor actor) {
    String policyParam = ctx.request().getParam("policy_id");
    Long policyId = policyParam == null ? null : id(policyParam, "a policy id");
    String status = ctx.request().getParam("status");
    String trigger = ctx.request().getParam("trigger");
    Predicate<ReplicationExecutionEntry> wanted =
        e ->
            (policyId == null || e.policyId() == policyId)
                && (status == null || e.status().equals(status))
                && (trigger == null || e.trigger().equals(trigger));
    Comparator<ReplicationExecutionEntry> newestFirst = EXECUTION_SORTS.get("id").reversed();
    return page(
        ctx,
        executions.executions(),
        wanted,
        EXECUTION_SORTS,
        newestFirst,
        ExecutionJson::execution);
  }

  private Future<Void> one(RoutingContext ctx, Actor actor) {
    return HarborReply.json(ctx, ExecutionJson.execution(existing(ctx.pathParam("id"))));
  }

  /**
   * Harbor's {@code stopReplication}: 200 whether or not the execution still runs (Harbor's
   * executionManager.Stop returns nil for a finished one); only a running execution not yet asked
   * gets a {@code ReplicationExecutionStopRequested}.
   */
  private Future<Void> stop(RoutingContext ctx, Actor actor) {
    ReplicationExecutionEntry execution = existing(ctx.pathParam("id"));
    if (execution.finished() || execution.stopRequested()) {
      return HarborReply.ok(ctx);
    }
    return recorder.stopRequested(actor, execution.executionId()).compose(v -> HarborReply.ok(ctx));
  }

  /** Harbor's filters: {@code status}, {@code resource_type}; task id order. */
  private Future<Void> tasks(RoutingContext ctx, Actor actor) {
    ReplicationExecutionEntry execution = existing(ctx.pathParam("id"));
    String status = ctx.request().getParam("status");
    String resourceType = ctx.request().getParam("resource_type");
    Predicate<ReplicationTaskEntry> wanted =
        t ->
            (status == null || t.status().equals(status))
                && (resourceType == null || t.resourceType().equals(resourceType));
    return page(
        ctx,
        executions.tasks(execution.executionId()),
        wanted,
        TASK_SORTS,
        TASK_SORTS.get("id"),
        ExecutionJson::task);
  }

  /** The task's log as text; empty if its last update carried none. */
  private Future<Void> log(RoutingContext ctx, Actor actor) {
    ReplicationExecutionEntry execution = existing(ctx.pathParam("id"));
    long taskId = id(ctx.pathParam("task_id"), "a task id");
    if (executions.task(execution.executionId(), taskId).isEmpty()) {
      throw OciErrorCode.NOT_FOUND.exception(
          "execution " + execution.executionId() + " contains no task with ID " + taskId);
    }
    String log = executions.taskLog(execution.executionId(), taskId).orElse("");
    return ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(log);
  }

  /** Harbor's list answer: filtered, sorted as {@code sort} asks, one page with its headers. */
  private static <T> Future<Void> page(
      RoutingContext ctx,
      List<T> entries,
      Predicate<T> wanted,
      Map<String, Comparator<T>> sorts,
      Comparator<T> fallback,
      Function<T, JsonObject> json) {
    HarborPage page = HarborPage.of(ctx.request());
    Comparator<T> order = HarborSort.parse(ctx.request().getParam("sort"), sorts, fallback);
    List<T> all = entries.stream().filter(wanted).sorted(order).toList();
    JsonArray out = new JsonArray();
    page.slice(all).forEach(e -> out.add(json.apply(e)));
    return page.headers(ctx, all.size())
        .putHeader("Content-Type", "application/json")
        .end(out.encode());
  }

  private ReplicationExecutionEntry existing(String id) {
    long executionId = id(id, "an execution id");
    return executions
        .execution(executionId)
        .orElseThrow(
            () ->
                OciErrorCode.NOT_FOUND.exception(
                    "replication execution " + executionId + " not found"));
  }

  /** The policy {@code policyId}, or a 404 that names it. */
  static ReplicationPolicyEntry existing(PolicyView policies, long policyId) {
    return policies
        .policy(policyId)
        .orElseThrow(
            () ->
                OciErrorCode.NOT_FOUND.exception("replication policy " + policyId + " not found"));
  }

  /** {@code StartReplicationExecution}'s {@code policy_id}: a positive whole number. */
  static long policyId(JsonObject body) {
    Object value = body.getValue("policy_id");
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
      return ((Number) value).longValue();
    }
    throw OciErrorCode.BAD_REQUEST.exception(
        "policy_id is required and is a positive whole number, not " + value);
  }

  /** An id from a path or query: a positive whole number. */
  private static long id(String id, String what) {
    if (id != null && id.matches("[0-9]{1,18}") && Long.parseLong(id) > 0) {
      return Long.parseLong(id);
    }
    throw OciErrorCode.BAD_REQUEST.exception(what + " is a positive whole number, not " + id);
  }
}
