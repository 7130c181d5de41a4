package io.cairn.ops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a response object against a definition of Harbor's own OpenAPI document: no property it
 * does not declare, each of the declared JSON type and format, and every {@code x-omitempty: false}
 * property present. Flat definitions only (what the accessory API answers).
 */
public final class HarborSchema {
  public static final Path DOCUMENT = Path.of("../../shared/reference/harbor-api-v2.0.json");
  private static final String DATE_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  private final JsonObject definitions;

  private HarborSchema(JsonObject definitions) {
    this.definitions = definitions;
  }

  public static boolean available() {
    return Files.isRegularFile(DOCUMENT);
  }

  public static HarborSchema load() throws IOException {
    return new HarborSchema(
        new JsonObject(Files.readString(DOCUMENT)).getJsonObject("definitions"));
  }

  public void check(String definition, JsonObject value) {
    JsonObject properties = definitions.getJsonObject(definition).getJsonObject("properties");
    for (String name : value.fieldNames()) {
      JsonObject property = properties.getJsonObject(name);
      if (property == null) {
        fail(definition + " declares no property '" + name + "' (in " + value + ")");
      }
      checkType(definition + "." + name, property, value.getValue(name));
    }
    for (String name : properties.fieldNames()) {
      if (Boolean.FALSE.equals(properties.getJsonObject(name).getValue("x-omitempty"))) {
        assertTrue(value.containsKey(name), definition + " must carry " + name + ": " + value);
      }
    }
  }

  private static void checkType(String where, JsonObject property, Object value) {
    String type = property.getString("type");
    if (type == null) {
      return; // a $ref: nested definitions are not used by the checked answers
    }
    switch (type) {
      case "integer" ->
          assertTrue(
              value instanceof Integer || value instanceof Long, where + " is not an integer");
      case "string" -> {
        assertTrue(value instanceof String, where + " is not a string");
        if ("date-time".equals(property.getString("format"))) {
          assertTrue(((String) value).matches(DATE_TIME), where + " is not Harbor's date-time");
        }
      }
      case "boolean" -> assertTrue(value instanceof Boolean, where + " is not a boolean");
      case "array" -> assertTrue(value instanceof JsonArray, where + " is not an array");
      case "object" -> assertTrue(value instanceof JsonObject, where + " is not an object");
      default -> assertEquals("a known type", type, where);
    }
  }
}
