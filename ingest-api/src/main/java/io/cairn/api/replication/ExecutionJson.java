package io.cairn.api.replication;

import io.cairn.api.harbor.HarborTime;
import io.cairn.projection.ReplicationExecutionEntry;
import io.cairn.projection.ReplicationTaskEntry;
import io.vertx.core.json.JsonObject;

/** Harbor's JSON forms of a replication execution and of its tasks. */
final class ExecutionJson {
  /** Harbor's value for a time not yet set (Go's zero time): an end while still running. */
  static final String NEVER = "0001-01-01T00:00:00.000Z";

  private ExecutionJson() {}

  /** {@code ReplicationExecution}: Harbor's words for trigger and status, the task counts. */
  static JsonObject execution(ReplicationExecutionEntry e) {
    return new JsonObject()
        .put("id", e.executionId())
        .put("policy_id", e.policyId())
        .put("status", e.status())
        .put("trigger", e.trigger())
        .put("start_time", time(e.startTime()))
        .put("end_time", time(e.endTime()))
        .put("status_text", e.statusText() == null ? "" : e.statusText())
        .put("total", e.total())
        .put("failed", e.failed())
        .put("succeed", e.succeed())
        .put("in_progress", e.inProgress())
        .put("stopped", e.stopped());
  }

  /**
   * {@code ReplicationTask}. No {@code job_id}: a task here is not a job of a job service, and
   * Harbor leaves an empty one out.
   */
  static JsonObject task(ReplicationTaskEntry t) {
    return new JsonObject()
        .put("id", t.taskId())
        .put("execution_id", t.executionId())
        .put("status", t.status())
        .put("operation", t.operation())
        .put("resource_type", t.resourceType())
        .put("src_resource", t.srcResource())
        .put("dst_resource", t.dstResource())
        .put("start_time", time(t.startTime()))
        .put("end_time", time(t.endTime()));
  }

  private static String time(long epochMillis) {
    return epochMillis == 0 ? NEVER : HarborTime.format(epochMillis);
  }
}
