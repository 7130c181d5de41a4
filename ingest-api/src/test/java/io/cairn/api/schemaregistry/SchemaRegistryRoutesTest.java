package io.cairn.api.schemaregistry;

import static io.cairn.api.schemaregistry.Schemas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.schemaregistry.InMemorySchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistry;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint and every error code, as a table of HTTP calls against a real server. Each row
 * starts from the same registry: subject "a" (v1 NAME id 1, v2 NAME_AGE id 2), "a b" and "ns/sub"
 * (v1 NAME, id 1 reused).
 */
class SchemaRegistryRoutesTest {
  static final String MEDIA = "application/vnd.schemaregistry.v1+json";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private RegistryServer server;

  @BeforeEach
  void start() throws Exception {
    SchemaRegistry registry = new InMemorySchemaRegistry();
    registry.register("a", NAME);
    registry.register("a", NAME_AGE);
    registry.register("a b", NAME);
    registry.register("ns/sub", NAME);
    server = new RegistryServer(registry);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static String body(String schema) {
    return new JsonObject().put("schema", schema).encode();
  }

  static String version(String subject, int version, int id, String schema) {
    return new JsonObject()
        .put("subject", subject)
        .put("version", version)
        .put("id", id)
        .put("schema", canonical(schema))
        .encode();
  }

  static String error(int code) {
    return "error_code " + code;
  }

  static Arguments get(String path, int status, String expected) {
    return Arguments.of("GET", path, null, null, status, expected);
  }

  static Arguments send(String method, String path, String body, int status, String expected) {
    return Arguments.of(method, path, MEDIA, body, status, expected);
  }

  static Arguments typed(String type, String path, String body, int status, String expected) {
    return Arguments.of("POST", path, type, body, status, expected);
  }

  static Stream<Arguments> reads() {
    return Stream.of(
        get("/", 200, "{}"),
        get("/subjects", 200, "[\"a\",\"a b\",\"ns/sub\"]"),
        get("/subjects/a/versions", 200, "[1,2]"),
        get("/subjects/a%20b/versions", 200, "[1]"),
        get("/subjects/ns%2Fsub/versions", 200, "[1]"),
        get("/subjects/a/versions/1", 200, version("a", 1, 1, NAME)),
        get("/subjects/a/versions/latest", 200, version("a", 2, 2, NAME_AGE)),
        get("/subjects/a/versions/-1", 200, version("a", 2, 2, NAME_AGE)),
        get("/subjects/ns%2Fsub/versions/1", 200, version("ns/sub", 1, 1, NAME)),
        get("/subjects/a/versions/2/schema", 200, canonical(NAME_AGE)),
        get("/subjects/a/versions/latest/schema", 200, canonical(NAME_AGE)),
        get("/schemas/ids/2", 200, new JsonObject().put("schema", canonical(NAME_AGE)).encode()),
        get(
            "/schemas/ids/1?fetchMaxId=false&subject=a",
            200,
            new JsonObject().put("schema", canonical(NAME)).encode()));
  }

  static Stream<Arguments> readErrors() {
    return Stream.of(
        get("/schemas/ids/9", 404, error(40403)),
        get("/schemas/ids/abc", 404, error(40403)),
        get(
            "/subjects/x/versions",
            404,
            "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}"),
        get("/subjects/x/versions/1", 404, error(40401)),
        get("/subjects/x/versions/latest", 404, error(40401)),
        get("/subjects/x/versions/1/schema", 404, error(40401)),
        get("/subjects/a/versions/3", 404, error(40402)),
        get("/subjects/a/versions/3/schema", 404, error(40402)),
        get("/subjects/a/versions/0", 422, error(42202)),
        get("/subjects/a/versions/abc", 422, error(42202)),
        get("/subjects/a/versions/99999999999", 422, error(42202)));
  }

  static Stream<Arguments> registrations() {
    return Stream.of(
        send("POST", "/subjects/a/versions", body(NAME), 200, "{\"id\":1}"),
        send(
            "POST",
            "/subjects/new/versions",
            new JsonObject().put("schema", AGE_ONLY).put("schemaType", "AVRO").encode(),
            200,
            "{\"id\":3}"),
        send("POST", "/subjects/a%20b/versions", body(NAME_AGE), 200, "{\"id\":2}"),
        send("POST", "/subjects/a/versions", body(NAME_EMAIL), 409, error(409)),
        send("POST", "/subjects/a/versions", body("{\"type\":\"record\""), 422, error(42201)),
        send("POST", "/subjects/a/versions", body("{\"type\":\"nonsense\"}"), 422, error(42201)),
        send("POST", "/subjects/a/versions", "{}", 422, error(42201)),
        send(
            "POST",
            "/subjects/a/versions",
            new JsonObject().put("schema", NAME).put("schemaType", "PROTOBUF").encode(),
            422,
            error(42201)),
        send(
            "POST",
            "/subjects/a/versions",
            "{\"schema\":\"x\",\"references\":[{\"name\":\"r\"}]}",
            422,
            error(42201)),
        send("POST", "/subjects/a/versions", "not json", 400, error(400)),
        send("POST", "/subjects/a/versions", "[1]", 400, error(400)),
        send("POST", "/subjects/a/versions", "", 400, error(400)),
        send("POST", "/subjects/a/versions", "{\"schema\":5}", 400, error(400)),
        typed("text/plain", "/subjects/a/versions", body(NAME), 415, error(415)),
        typed(
            "application/vnd.schemaregistry+json",
            "/subjects/a/versions",
            body(NAME),
            200,
            "{\"id\":1}"),
        typed(
            "application/json; charset=utf-8",
            "/subjects/a/versions",
            body(NAME),
            200,
            "{\"id\":1}"),
        typed(null, "/subjects/a/versions", body(NAME), 200, "{\"id\":1}"));
  }

  static Stream<Arguments> config() {
    return Stream.of(
        get("/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}"),
        get("/config/a", 200, "{\"compatibilityLevel\":\"BACKWARD\"}"),
        get("/config/a?defaultToGlobal=true", 200, "{\"compatibilityLevel\":\"BACKWARD\"}"),
        send("PUT", "/config", "{\"compatibility\":\"FULL\"}", 200, "{\"compatibility\":\"FULL\"}"),
        send(
            "PUT",
            "/config/a%20b",
            "{\"compatibility\":\"none\"}",
            200,
            "{\"compatibility\":\"NONE\"}"),
        send("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}", 422, error(42203)),
        send("PUT", "/config/a", "{}", 422, error(42203)),
        send("PUT", "/config", "garbage", 400, error(400)));
  }

  static Stream<Arguments> compatibilityAndUnknownRoutes() {
    String compat = "/compatibility/subjects/a/versions/";
    return Stream.of(
        send("POST", compat + "latest", body(NAME_EMAIL), 200, "{\"is_compatible\":false}"),
        send("POST", compat + "latest", body(AGE_ONLY), 200, "{\"is_compatible\":true}"),
        send("POST", compat + "1", body(NAME_AGE), 200, "{\"is_compatible\":true}"),
        send("POST", compat + "1", body(AGE_ONLY), 200, "{\"is_compatible\":true}"),
        send("POST", "/compatibility/subjects/x/versions/latest", body(NAME), 404, error(40401)),
        send("POST", compat + "7", body(NAME), 404, error(40402)),
        send("POST", compat + "zero", body(NAME), 422, error(42202)),
        send("POST", compat + "latest", body("{oops"), 422, error(42201)),
        send("POST", compat + "latest", "{oops", 400, error(400)),
        get("/nope", 404, error(404)),
        send("DELETE", "/subjects/a", null, 404, error(404)));
  }

  @ParameterizedTest(name = "{0} {1} -> {4}")
  @MethodSource({"reads", "readErrors", "registrations", "config", "compatibilityAndUnknownRoutes"})
  void answersLikeConfluent(
      String method, String path, String type, String body, int status, String expected)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(status, response.statusCode(), response.body());
    assertEquals(MEDIA, response.headers().firstValue("Content-Type").orElse(null));
    if (expected.startsWith("error_code ")) {
      JsonObject error = new JsonObject(response.body());
      assertEquals(Integer.parseInt(expected.substring(11)), error.getInteger("error_code"));
      assertEquals(2, error.size(), "only error_code and message: " + error);
    } else {
      assertEquals(Json.decodeValue(expected), Json.decodeValue(response.body()));
    }
  }
}
