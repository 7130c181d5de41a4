package io.cairn.schemaregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON encoding of {@code _schemas} records, byte-for-byte Confluent's for keys (compaction
 * compares key bytes, so a Confluent registry and Cairn can share the topic). Decoding ignores
 * fields Cairn does not use (md5, schemaType, references, metadata ...). Malformed input throws
 * {@link IllegalArgumentException}.
 */
public final class SchemasTopicFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemasTopicFormat() {}

  public static byte[] encodeKey(StoreKey key) {
    ObjectNode node = JSON.createObjectNode();
    if (key instanceof StoreKey.SchemaKey k) {
      node.put("keytype", "SCHEMA").put("subject", k.subject()).put("version", k.version());
      return write(node.put("magic", 1));
    }
    if (key instanceof StoreKey.ConfigKey k) {
      node.put("keytype", "CONFIG").put("subject", k.subject());
    } else if (key instanceof StoreKey.DeleteSubjectKey k) {
      node.put("keytype", "DELETE_SUBJECT").put("subject", k.subject());
    } else {
      node.put("keytype", ((StoreKey.OtherKey) key).keytype()).putNull("subject");
    }
    return write(node.put("magic", 0));
  }

  public static StoreKey decodeKey(byte[] bytes) {
    JsonNode node = read(bytes);
    String keytype = node.path("keytype").asText("");
    String subject = node.path("subject").isTextual() ? node.get("subject").asText() : null;
    return switch (keytype) {
      case "SCHEMA" -> new StoreKey.SchemaKey(required(subject), requiredInt(node, "version"));
      case "CONFIG" -> new StoreKey.ConfigKey(subject);
      case "DELETE_SUBJECT" -> new StoreKey.DeleteSubjectKey(required(subject));
      case "" -> throw new IllegalArgumentException("_schemas key without keytype");
      default -> new StoreKey.OtherKey(keytype);
    };
  }

  public static byte[] encodeSchemaValue(SchemaValue value) {
    ObjectNode node = JSON.createObjectNode();
    node.put("subject", value.subject()).put("version", value.version()).put("id", value.id());
    node.put("schema", value.schema()).put("deleted", value.deleted());
    return write(node);
  }

  public static SchemaValue decodeSchemaValue(byte[] bytes) {
    JsonNode node = read(bytes);
    return new SchemaValue(
        required(node.path("subject").asText(null)),
        requiredInt(node, "version"),
        requiredInt(node, "id"),
        required(node.path("schema").asText(null)),
        node.path("deleted").asBoolean(false));
  }

  public static byte[] encodeConfigValue(CompatibilityLevel level) {
    return write(JSON.createObjectNode().put("compatibilityLevel", level.name()));
  }

  /** A config value may carry no level (Confluent writes other config fields there too). */
  public static CompatibilityLevel decodeConfigValue(byte[] bytes) {
    JsonNode level = read(bytes).path("compatibilityLevel");
    return level.isTextual() ? CompatibilityLevel.valueOf(level.asText()) : null;
  }

  /** The version up to which a DELETE_SUBJECT value soft-deletes. */
  public static int decodeDeleteSubjectVersion(byte[] bytes) {
    return requiredInt(read(bytes), "version");
  }

  private static JsonNode read(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("_schemas record is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("_schemas record is not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] write(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen: serialising a JSON tree", e);
    }
  }

  private static String required(String text) {
    if (text == null) {
      throw new IllegalArgumentException("_schemas record without subject or schema");
    }
    return text;
  }

  private static int requiredInt(JsonNode node, String field) {
    if (!node.path(field).canConvertToInt()) {
      throw new IllegalArgumentException("_schemas record without integer " + field);
    }
    return node.get(field).asInt();
  }
}
