package io.cairn.api.replication;

import io.cairn.api.harbor.HarborTime;
import io.cairn.projection.RegistryEndpointEntry;
import io.cairn.projection.ReplicationPolicyEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.LongFunction;

/** Harbor's JSON form of a replication policy ({@code ReplicationPolicy}). */
final class PolicyJson {
  /** The name Harbor shows for its own side of a policy. */
  static final String LOCAL_NAME = "Local";

  private PolicyJson() {}

  /**
   * {@code ReplicationPolicy}: the remote side as its whole {@code Registry} (credential masked),
   * this Cairn's side as Harbor shows its own, {@code {"id":0,"name":"Local",…}}.
   *
   * @param endpoints the live endpoint of an id, if there is one
   * @param localUrl the URL clients reach this Cairn at
   */
  static JsonObject policy(
      ReplicationPolicyEntry p,
      LongFunction<Optional<RegistryEndpointEntry>> endpoints,
      String localUrl) {
    JsonObject trigger = new JsonObject().put("type", p.triggerType());
    trigger.put("trigger_settings", new JsonObject().put("cron", p.cron() == null ? "" : p.cron()));
    return new JsonObject()
        .put("id", p.policyId())
        .put("name", p.name())
        .put("description", p.description() == null ? "" : p.description())
        .put("src_registry", side(p.srcRegistryId(), endpoints, localUrl))
        .put("dest_registry", side(p.destRegistryId(), endpoints, localUrl))
        .put("dest_namespace", p.destNamespace() == null ? "" : p.destNamespace())
        .put("dest_namespace_replace_count", p.destNamespaceReplaceCount())
        .put("trigger", trigger)
        .put("filters", new JsonArray(p.filters()))
        .put("replicate_deletion", p.replicateDeletion())
        .put("deletion", p.replicateDeletion())
        .put("override", p.override())
        .put("enabled", p.enabled())
        .put("speed", p.speed())
        .put("copy_by_chunk", p.copyByChunk())
        .put("creation_time", HarborTime.format(p.createdAt()))
        .put("update_time", HarborTime.format(p.updatedAt()));
  }

  /**
   * One side of a policy. An endpoint that is gone (deleted by another instance in the moment
   * before this one saw the policy) is shown by its id alone.
   */
  private static JsonObject side(
      long registryId, LongFunction<Optional<RegistryEndpointEntry>> endpoints, String localUrl) {
    if (registryId == 0) {
      return new JsonObject()
          .put("id", 0)
          .put("name", LOCAL_NAME)
          .put("type", Adapter.CAIRN.type())
          .put("url", localUrl);
    }
    return endpoints
        .apply(registryId)
        .map(RegistryJson::registry)
        .orElseGet(() -> new JsonObject().put("id", registryId));
  }
}
