package io.cairn.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict reading of manifest JSON; every problem is a {@code MANIFEST_INVALID} with a reason. */
final class ManifestReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestReader() {}

  static Manifest read(byte[] body, String contentType) {
    if (body.length > Manifest.MAX_BYTES) {
      throw OciErrorCode.MANIFEST_TOO_LARGE.exception(
          "manifest is " + body.length + " bytes; the limit is " + Manifest.MAX_BYTES);
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid("manifest is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("manifest could not be read: " + e.getMessage());
    }
    if (!(root instanceof ObjectNode)) {
      throw invalid("manifest must be a JSON object");
    }
    String mediaType = mediaType(root, contentType);
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isInt() || version.intValue() != 2) {
      throw invalid("schemaVersion must be 2");
    }
    boolean index = MediaTypes.INDEXES.contains(mediaType);
    Descriptor config = index ? null : descriptor(required(root, "config"), "config");
    List<Descriptor> layers = index ? List.of() : descriptors(root, "layers", true);
    List<Descriptor> manifests = index ? descriptors(root, "manifests", true) : List.of();
    JsonNode subject = root.get("subject");
    return new Manifest(
        mediaType,
        optionalText(root, "artifactType"),
        config,
        layers,
        manifests,
        subject == null || subject.isNull() ? null : descriptor(subject, "subject"),
        annotations(root, "manifest"));
  }

  private static String mediaType(JsonNode root, String contentType) {
    String declared = optionalText(root, "mediaType");
    String header = contentType == null ? null : contentType.split(";", 2)[0].trim();
    String mediaType = declared != null ? declared : header;
    if (mediaType == null || mediaType.isEmpty()) {
      throw invalid("manifest has no mediaType and the request no Content-Type");
    }
    if (!MediaTypes.MANIFESTS.contains(mediaType)) {
      throw invalid("unsupported manifest media type '" + mediaType + "'");
    }
    if (declared != null
        && header != null
        && MediaTypes.MANIFESTS.contains(header)
        && !header.equals(declared)) {
      throw invalid(
          "Content-Type '" + header + "' does not match the manifest's mediaType " + declared);
    }
    return mediaType;
  }

  private static List<Descriptor> descriptors(JsonNode root, String field, boolean required) {
    JsonNode array = required ? required(root, field) : root.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw invalid(field + " must be an array");
    }
    List<Descriptor> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(descriptor(array.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  private static Descriptor descriptor(JsonNode node, String where) {
    if (!node.isObject()) {
      throw invalid(where + " must be a descriptor object");
    }
    String mediaType = optionalText(node, "mediaType");
    if (mediaType == null || mediaType.isEmpty()) {
      throw invalid(where + ".mediaType is missing");
    }
    String digestText = optionalText(node, "digest");
    Digest digest;
    try {
      digest = Digest.parse(digestText);
    } catch (OciException e) {
      throw invalid(where + ".digest is not a valid digest");
    }
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
      throw invalid(where + ".size must be a non-negative integer");
    }
    return new Descriptor(
        mediaType,
        digest,
        size.asLong(),
        optionalText(node, "artifactType"),
        annotations(node, where));
  }

  private static Map<String, String> annotations(JsonNode node, String where) {
    JsonNode annotations = node.get("annotations");
    if (annotations == null || annotations.isNull()) {
      return Map.of();
    }
    if (!annotations.isObject()) {
      throw invalid(where + ".annotations must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : annotations.properties()) {
      if (!e.getValue().isTextual()) {
        throw invalid(where + ".annotations." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid("manifest has no " + field);
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field + " must be a string");
    }
    return value.textValue();
  }

  private static OciException invalid(String why) {
    return OciErrorCode.MANIFEST_INVALID.exception(why);
  }
}
