package io.cairn.schemaregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SchemaRegistry} backed by an external Confluent-compatible registry ({@code
 * schema.registry.url}), over its REST API. Thread-safe. Schemas by id are cached forever: ids are
 * immutable. Credentials in the URL ({@code http://user:secret@host}) become HTTP basic auth.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistry {
  static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();

  public HttpSchemaRegistryClient(String url) {
    this(
        url,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Duration.ofSeconds(30));
  }

  public HttpSchemaRegistryClient(String url, HttpClient http, Duration timeout) {
    URI uri = URI.create(url.endsWith("/") ? url : url + "/");
    this.authorization = uri.getRawUserInfo() == null ? null : basicAuth(uri.getUserInfo());
    this.base = uri.getRawUserInfo() == null ? uri : withoutUserInfo(uri);
    this.http = http;
    this.timeout = timeout;
  }

  private static String basicAuth(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  private static URI withoutUserInfo(URI uri) {
    return URI.create(
        uri.getScheme()
            + "://"
            + uri.getRawAuthority().replaceFirst("^.*@", "")
            + uri.getRawPath());
  }

  @Override
  public int register(String subject, String schemaJson) {
    JsonNode body = JSON.createObjectNode().put("schema", schemaJson);
    return send("POST", "subjects/" + segment(subject) + "/versions", body).path("id").asInt();
  }

  @Override
  public Optional<String> schemaById(int id) {
    String cached = schemasById.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<String> schema =
        sendUnlessAbsent("GET", "schemas/ids/" + id, null, SchemaRegistryError.SCHEMA_NOT_FOUND)
            .map(node -> node.path("schema").asText());
    schema.ifPresent(s -> schemasById.put(id, s));
    return schema;
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    send("GET", "subjects", null).forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  @Override
  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    sendUnlessAbsent(
            "GET",
            "subjects/" + segment(subject) + "/versions",
            null,
            SchemaRegistryError.SUBJECT_NOT_FOUND)
        .ifPresent(array -> array.forEach(node -> versions.add(node.asInt())));
    return versions;
  }

  @Override
  public Optional<SchemaVersion> version(String subject, int version) {
    return fetchVersion(subject, String.valueOf(version));
  }

  @Override
  public Optional<SchemaVersion> latest(String subject) {
    return fetchVersion(subject, "latest");
  }

  private Optional<SchemaVersion> fetchVersion(String subject, String version) {
    String path = "subjects/" + segment(subject) + "/versions/" + version;
    return sendUnlessAbsent(
            "GET",
            path,
            null,
            SchemaRegistryError.SUBJECT_NOT_FOUND,
            SchemaRegistryError.VERSION_NOT_FOUND)
        .map(
            n ->
                new SchemaVersion(
                    n.path("subject").asText(),
                    n.path("version").asInt(),
                    n.path("id").asInt(),
                    n.path("schema").asText()));
  }

  @Override
  public String compatibility(String subjectOrNull) {
    if (subjectOrNull == null) {
      return send("GET", "config", null).path("compatibilityLevel").asText();
    }
    // Confluent answers 40408 for a subject without its own level unless asked to fall back.
    return sendUnlessAbsent(
            "GET",
            "config/" + segment(subjectOrNull) + "?defaultToGlobal=true",
            null,
            SchemaRegistryError.SUBJECT_LEVEL_NOT_CONFIGURED)
        .map(node -> node.path("compatibilityLevel").asText())
        .orElseGet(() -> compatibility(null));
  }

  @Override
  public void setCompatibility(String subjectOrNull, String level) {
    String path = subjectOrNull == null ? "config" : "config/" + segment(subjectOrNull);
    send("PUT", path, JSON.createObjectNode().put("compatibility", level));
  }

  @Override
  public boolean isCompatible(String subject, int version, String schemaJson) {
    String v = version == LATEST ? "latest" : String.valueOf(version);
    String path = "compatibility/subjects/" + segment(subject) + "/versions/" + v;
    JsonNode body = JSON.createObjectNode().put("schema", schemaJson);
    return send("POST", path, body).path("is_compatible").asBoolean();
  }

  private static String segment(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Optional<JsonNode> sendUnlessAbsent(
      String method, String path, JsonNode body, SchemaRegistryError... absent) {
    try {
      return Optional.of(send(method, path, body));
    } catch (SchemaRegistryException e) {
      if (Set.of(absent).contains(e.error())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Accept", MEDIA_TYPE)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", MEDIA_TYPE);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return decode(method, path, response);
    } catch (IOException e) {
      throw SchemaRegistryError.STORE_ERROR.exception(
          "Schema registry " + base + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SchemaRegistryError.STORE_ERROR.exception("Interrupted calling " + base, e);
    }
  }

  private static JsonNode decode(String method, String path, HttpResponse<String> response) {
    JsonNode json = parseOrNull(response.body());
    int status = response.statusCode();
    if (status < 300 && json != null) {
      return json;
    }
    String what = "HTTP " + status + " on " + method + " " + path;
    if (json == null || !json.has("error_code")) {
      throw SchemaRegistryError.STORE_ERROR.exception(what + ": not a schema registry answer");
    }
    int code = json.path("error_code").asInt();
    String message = json.path("message").asText(what);
    Optional<SchemaRegistryError> known = SchemaRegistryError.fromCode(code);
    throw known.isPresent()
        ? known.get().exception(message)
        : SchemaRegistryError.STORE_ERROR.exception(what + ": error_code " + code + ": " + message);
  }

  private static JsonNode parseOrNull(String body) {
    try {
      return body.isEmpty() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
