package io.cairn.api.replication;

import io.cairn.oci.OciErrorCode;
import io.cairn.replication.connect.ReplicationConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * A replication policy's wanted state from Harbor's {@code ReplicationPolicy} body ({@code POST}
 * and {@code PUT}, which both carry the whole policy), checked field by field: every problem is a
 * 400 saying what is wrong. Whether the named registry exists and the name is free depends on
 * state, so the routes check that. Pure.
 *
 * @param srcRegistryId the endpoint pulled from, or 0: this Cairn
 * @param destRegistryId the endpoint pushed to, or 0: this Cairn; exactly one of the two is 0
 * @param destNamespace {@code null} keeps the source's names
 * @param cron the schedule's text for {@link Trigger#SCHEDULED}, else {@code null}
 * @param filters Harbor's filter array as JSON text, accepted by the connector's own parser
 */
record PolicyDraft(
    String name,
    String description,
    long srcRegistryId,
    long destRegistryId,
    String destNamespace,
    int destNamespaceReplaceCount,
    Trigger trigger,
    String cron,
    String filters,
    boolean replicateDeletion,
    boolean override,
    boolean enabled,
    int speed,
    boolean copyByChunk) {

  /** A path component of a repository name (the distribution spec's grammar). */
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");

  /** Harbor's {@code dest_namespace_replace_count} is an {@code int8}. */
  private static final int MAX_REPLACE_COUNT = Byte.MAX_VALUE;

  /** Harbor's trigger types. */
  enum Trigger {
    MANUAL("manual"),
    SCHEDULED("scheduled"),
    EVENT_BASED("event_based");

    private final String type;

    Trigger(String type) {
      this.type = type;
    }

    String type() {
      return type;
    }

    /** The trigger named {@code type}; absent or empty is manual, as in Harbor; 400 otherwise. */
    static Trigger of(String type) {
      if (type == null || type.isEmpty()) {
        return MANUAL;
      }
      for (Trigger trigger : values()) {
        if (trigger.type.equals(type)) {
          return trigger;
        }
      }
      throw OciErrorCode.BAD_REQUEST.exception(
          "trigger.type must be manual, scheduled or event_based, not '" + type + "'");
    }
  }

  /** From the body of {@code POST /replication/policies} or {@code PUT …/{id}}. */
  static PolicyDraft of(JsonObject body) {
    long src = registryId(body, "src_registry");
    long dest = registryId(body, "dest_registry");
    if (src == 0 && dest == 0) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "a policy needs src_registry (pull into this Cairn) or dest_registry (push from it)");
    }
    if (src != 0 && dest != 0) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "a policy has src_registry or dest_registry, not both: this Cairn is the other side");
    }
    JsonObject trigger = EndpointFields.object(body, "trigger");
    Trigger type = Trigger.of(EndpointFields.string(trigger, "type"));
    String cron = null;
    if (type == Trigger.SCHEDULED) {
      cron = cron(EndpointFields.object(trigger, "trigger_settings"));
    } else if (type == Trigger.EVENT_BASED && src != 0) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "an event_based trigger needs a push policy (dest_registry): the events are this"
              + " Cairn's, a pull from src_registry is manual or scheduled");
    }
    Boolean replicateDeletion = optionalBool(body, "replicate_deletion");
    return new PolicyDraft(
        EndpointFields.name(EndpointFields.string(body, "name")),
        emptyToNull(EndpointFields.string(body, "description")),
        src,
        dest,
        destNamespace(EndpointFields.string(body, "dest_namespace")),
        whole(body, "dest_namespace_replace_count", -1, -1, MAX_REPLACE_COUNT),
        type,
        cron,
        filters(body.getValue("filters")),
        replicateDeletion != null
            ? replicateDeletion
            : EndpointFields.bool(body, "deletion", false), // Harbor's deprecated name
        EndpointFields.bool(body, "override", true),
        EndpointFields.bool(body, "enabled", true),
        whole(body, "speed", -1, -1, Integer.MAX_VALUE),
        EndpointFields.bool(body, "copy_by_chunk", false));
  }

  /** Whether this policy pushes from this Cairn (else it pulls into it). */
  boolean pushes() {
    return destRegistryId != 0;
  }

  /** The registry the policy names, the one that is not this Cairn. */
  long registryId() {
    return pushes() ? destRegistryId : srcRegistryId;
  }

  /** {@code {"id": N}}: 0, absent or null is this Cairn; anything else a positive id. */
  private static long registryId(JsonObject body, String field) {
    Object id = EndpointFields.object(body, field).getValue("id");
    if (id == null || (id instanceof Number n && n.doubleValue() == 0)) {
      return 0;
    }
    try {
      return EndpointFields.id(id);
    } catch (RuntimeException e) {
      throw OciErrorCode.BAD_REQUEST.exception(
          field + ".id must be a positive whole number, not " + id);
    }
  }

  private static String cron(JsonObject settings) {
    String text = EndpointFields.string(settings, "cron");
    if (text == null || text.isBlank()) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "a scheduled trigger needs trigger.trigger_settings.cron");
    }
    try {
      return Cron.parse(text).text();
    } catch (IllegalArgumentException e) {
      throw OciErrorCode.BAD_REQUEST.exception(e.getMessage());
    }
  }

  /** The filters as JSON text, once the connector's parser, which will run them, accepts them. */
  private static String filters(Object filters) {
    if (filters == null) {
      return "[]";
    }
    if (!(filters instanceof JsonArray array)) {
      throw OciErrorCode.BAD_REQUEST.exception("filters must be an array");
    }
    for (Object filter : array) {
      if (!(filter instanceof JsonObject)) {
        throw OciErrorCode.BAD_REQUEST.exception("each filter must be an object, not " + filter);
      }
    }
    String text = array.encode();
    try {
      ReplicationConfig.filters(text);
    } catch (IllegalArgumentException e) {
      throw OciErrorCode.BAD_REQUEST.exception(e.getMessage());
    }
    return text;
  }

  /** Empty is none; otherwise repository path components ({@code team} or {@code team/mirror}). */
  private static String destNamespace(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return null;
    }
    if (namespace.length() > 255) {
      throw OciErrorCode.BAD_REQUEST.exception("dest_namespace is longer than 255 characters");
    }
    for (String part : namespace.split("/", -1)) {
      if (!COMPONENT.matcher(part).matches()) {
        throw OciErrorCode.BAD_REQUEST.exception(
            "dest_namespace '"
                + namespace
                + "' is not a repository path: each component must match"
                + " [a-z0-9]+((.|_|__|-+)[a-z0-9]+)*");
      }
    }
    return namespace;
  }

  /** An optional whole number in {@code min..max}, {@code fallback} when absent or null. */
  private static int whole(JsonObject body, String field, int fallback, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " must be a whole number, not " + value);
    }
    long number = ((Number) value).longValue();
    if (number < min || number > max) {
      throw OciErrorCode.BAD_REQUEST.exception(
          field + " must be between " + min + " and " + max + ", not " + number);
    }
    return (int) number;
  }

  private static Boolean optionalBool(JsonObject body, String field) {
    return body.getValue(field) == null ? null : EndpointFields.bool(body, field, false);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
