package io.cairn.api.replication;

import io.cairn.api.harbor.HarborTime;
import io.cairn.projection.RegistryEndpointEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Harbor's JSON forms of registry endpoints and adapters ({@code harbor-api-v2.0.json}). */
final class RegistryJson {
  /**
   * Cairn does not watch endpoints' health; {@code POST /registries/ping} asks. Harbor's own word
   * for a status it has not checked.
   */
  private static final String STATUS = "unknown";

  private RegistryJson() {}

  /** {@code Registry}: the secret never, only whether there is one (Harbor's mask). */
  static JsonObject registry(RegistryEndpointEntry e) {
    JsonObject credential =
        new JsonObject()
            .put("type", "basic")
            .put("access_key", e.accessKey() == null ? "" : e.accessKey())
            .put("access_secret", e.accessSecret() == null ? "" : EndpointFields.MASK);
    return new JsonObject()
        .put("id", e.registryId())
        .put("name", e.name())
        .put("url", e.url())
        .put("type", e.type())
        .put("description", e.description() == null ? "" : e.description())
        .put("insecure", e.insecure())
        .put("credential", credential)
        .put("status", STATUS)
        .put("creation_time", HarborTime.format(e.createdAt()))
        .put("update_time", HarborTime.format(e.updatedAt()));
  }

  /**
   * {@code RegistryInfo}: what a replication policy with this endpoint may use. The same for both
   * adapters: Cairn filters and triggers itself, whatever the other side is.
   */
  static JsonObject info(RegistryEndpointEntry e) {
    JsonArray filters =
        new JsonArray()
            .add(filter("name", "input"))
            .add(filter("tag", "input"))
            .add(filter("label", "input"))
            .add(
                filter("resource", "radio")
                    .put("values", new JsonArray().add("image").add("artifact")));
    return new JsonObject()
        .put("type", e.type())
        .put("description", e.description() == null ? "" : e.description())
        .put("supported_resource_filters", filters)
        .put(
            "supported_triggers", new JsonArray().add("manual").add("scheduled").add("event_based"))
        .put("supported_copy_by_chunk", true);
  }

  /** {@code GET /replication/adapters}. */
  static JsonArray adapters() {
    return new JsonArray(Adapter.types());
  }

  /**
   * {@code GET /replication/adapterinfos}: a {@code RegistryProviderInfo} per type. Both take any
   * URL and an optional user name and password, which Harbor calls the standard patterns.
   */
  static JsonObject adapterInfos() {
    JsonObject out = new JsonObject();
    for (String type : Adapter.types()) {
      out.put(
          type,
          new JsonObject()
              .put(
                  "endpoint_pattern",
                  new JsonObject()
                      .put("endpoint_type", "EndpointPatternTypeStandard")
                      .put("endpoints", new JsonArray()))
              .put(
                  "credential_pattern",
                  new JsonObject()
                      .put("access_key_type", "AccessKeyTypeStandard")
                      .put("access_key_data", "")
                      .put("access_secret_type", "AccessSecretTypePass")
                      .put("access_secret_data", "")));
    }
    return out;
  }

  private static JsonObject filter(String type, String style) {
    return new JsonObject().put("type", type).put("style", style);
  }
}
