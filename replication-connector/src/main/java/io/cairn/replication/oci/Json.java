package io.cairn.replication.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The small JSON answers the client reads besides manifests. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** {@code tags} of a tags/list answer ({@code null} tags = none, as registries send). */
  static List<String> tags(byte[] body) throws RegistryException {
    return strings(read(body, "tags list").path("tags"));
  }

  /** {@code repositories} of a {@code /v2/_catalog} answer (missing or null = none). */
  static List<String> repositories(byte[] body) throws RegistryException {
    return strings(read(body, "catalog").path("repositories"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(t -> out.add(t.asText()));
    return out;
  }

  /** The {@code mediaType} field of a manifest, or {@code null}. */
  static String mediaType(byte[] body) {
    try {
      return MAPPER.readTree(body).path("mediaType").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode read(byte[] body, String what) throws RegistryException {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new RegistryException(200, null, what + " is not JSON", true);
    }
  }
}
