package io.cairn.api.replication;

import io.cairn.oci.OciErrorCode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The checks Harbor's registry bodies ({@code Registry}, {@code RegistryUpdate}, {@code
 * RegistryPing}) get, field by field: each returns the value to keep or throws a 400 saying what is
 * wrong. Pure.
 */
final class EndpointFields {
  static final int MAX_NAME = 255;

  /** What Harbor shows instead of a secret; sent back unchanged, it means "keep the secret". */
  static final String MASK = "*****";

  private EndpointFields() {}

  static String name(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw OciErrorCode.BAD_REQUEST.exception("name must be 1-" + MAX_NAME + " characters");
    }
    return name;
  }

  /**
   * An absolute {@code http} or {@code https} URL with a host, no user info, query or fragment;
   * returned without trailing slashes (Cairn appends {@code /v2/…}).
   */
  static String url(String url) {
    if (url == null || url.isBlank()) {
      throw OciErrorCode.BAD_REQUEST.exception("url is required");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw OciErrorCode.BAD_REQUEST.exception("url is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw OciErrorCode.BAD_REQUEST.exception("url must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception("url must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "url must not carry credentials; give them as access_key and access_secret");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw OciErrorCode.BAD_REQUEST.exception("url must have no query or fragment");
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  static String type(String type) {
    return Adapter.of(type).type();
  }

  /** Only user name and password: Harbor's {@code basic}. Absent or empty means basic. */
  static void credentialType(String type) {
    if (type != null && !type.isEmpty() && !type.equals("basic")) {
      throw OciErrorCode.BAD_REQUEST.exception("credential type must be basic, not '" + type + "'");
    }
  }

  /** Cairn checks certificates against the JVM's trust store, or not at all ({@code insecure}). */
  static void caCertificate(JsonObject body) {
    Object ca = body.getValue("ca_certificate");
    if (ca != null && !(ca instanceof String s && s.isEmpty())) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "ca_certificate is not supported: add the CA to the JVM's trust store, or set insecure");
    }
  }

  /** An optional boolean, {@code fallback} when absent or null. */
  static boolean bool(JsonObject body, String field, boolean fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " must be true or false");
    }
    return flag;
  }

  /** An optional string, {@code null} when absent or null. */
  static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " must be a string");
    }
    return (String) value;
  }

  /** A new secret from a body: {@code null} when absent, null or the mask. */
  static String secret(JsonObject body, String field) {
    String secret = string(body, field);
    return secret == null || secret.equals(MASK) ? null : secret;
  }

  /** An optional object, empty when absent or null. */
  static JsonObject object(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " must be an object");
    }
    return object;
  }

  /** A registry id from a path or body: a positive whole number. */
  static long id(Object id) {
    if (id instanceof Integer || id instanceof Long) {
      long value = ((Number) id).longValue();
      if (value > 0) {
        return value;
      }
    } else if (id instanceof String text && text.matches("[0-9]{1,18}")) {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    }
    throw OciErrorCode.BAD_REQUEST.exception("a registry id is a positive whole number, not " + id);
  }
}
