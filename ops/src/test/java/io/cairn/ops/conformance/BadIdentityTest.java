package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.ops.conformance.OciClient.Reply;
import io.cairn.ops.testing.Login;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credentials, tokens, users, members, robots and project metadata: every bad request gets a clear
 * 4xx and changes nothing; 401 means "who are you?", 403 "you may not", and content trust refuses
 * with Harbor's 412.
 */
class BadIdentityTest extends BadInputSuite {
  /** The error codes, with their statuses, that this class provokes. */
  static final List<String> CODES =
      List.of(
          "BAD_REQUEST 400",
          "CONFLICT 409",
          "NOT_FOUND 404",
          "UNAUTHORIZED 401",
          "DENIED 403",
          "PROJECTPOLICYVIOLATION 412");

  static final Login MEMBER = new Login("member", "Member-Passw0rd");

  @BeforeAll
  static void accounts() {
    JsonObject user =
        new JsonObject().put("username", MEMBER.name()).put("password", MEMBER.secret());
    assertEquals(
        201, oci.post("/api/v2.0/users", json(user), "Content-Type", "application/json").status());
    JsonObject project =
        new JsonObject()
            .put("project_name", "guarded")
            .put("metadata", new JsonObject().put("enable_content_trust_cosign", "true"));
    assertEquals(
        201,
        oci.post("/api/v2.0/projects", json(project), "Content-Type", "application/json").status());
    JsonObject member =
        new JsonObject()
            .put("role_id", 3)
            .put("member_user", new JsonObject().put("username", MEMBER.name()));
    assertEquals(
        201,
        oci.post(
                "/api/v2.0/projects/guarded/members",
                json(member),
                "Content-Type",
                "application/json")
            .status());
    oci.pushBlob("guarded/app", config.content());
    oci.pushBlob("guarded/app", layer.content());
    oci.pushManifest("guarded/app", "v1", OCI_MANIFEST, image.manifest());
    before = Snapshot.take();
  }

  // ---- credentials and tokens ----

  /** name | status | code | Authorization header */
  private static final String CREDENTIALS =
      """
      basic, not base64        | 401 | UNAUTHORIZED | Basic !!!
      basic, no colon          | 401 | UNAUTHORIZED | Basic {nocolon}
      unknown scheme           | 401 | UNAUTHORIZED | Digest username="admin"
      empty bearer             | 401 | UNAUTHORIZED | Bearer
      garbage bearer           | 401 | UNAUTHORIZED | Bearer a.b.c
      wrong password           | 401 | UNAUTHORIZED | {wrong}
      """;

  static Stream<Named<Call>> credentials() {
    return table(CREDENTIALS)
        .map(
            c ->
                Named.of(
                    c[0],
                    new Call(
                        "GET",
                        "/v2/",
                        Integer.parseInt(c[1]),
                        c[2],
                        "Authorization",
                        c[3].replace(
                                "{nocolon}",
                                Base64.getEncoder()
                                    .encodeToString("admin".getBytes(StandardCharsets.UTF_8)))
                            .replace("{wrong}", new Login("admin", "Wrong-Passw0rd").basic()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("credentials")
  @Order(40)
  void auth_badCredentialsAre401(Call call) {
    Reply reply = oci.get(call.path(), call.headers());
    assertError(reply, call.status(), call.code());
    assertFalse(reply.text().contains("Passw0rd"), "a secret echoed back: " + reply);
  }

  @Test
  @Order(41)
  void auth_tokenRequestsWithBadScopesOrServiceAre400() {
    assertError(oci.get("/service/token?scope=repository"), 400, "BAD_REQUEST");
    assertError(oci.get("/service/token?scope=repository:library/x:"), 400, "BAD_REQUEST");
    assertError(oci.get("/service/token?service=someone-else"), 400, "BAD_REQUEST");
    assertError(
        oci.as(new Login("admin", "Wrong-Passw0rd"))
            .get("/service/token?scope=repository:a/b:pull"),
        401,
        "UNAUTHORIZED");
  }

  @Test
  @Order(42)
  void auth_aKnownCallerWithoutPermissionIs403() {
    OciClient member = oci.as(MEMBER);
    assertError(member.post("/v2/guarded/app/blobs/uploads/", new byte[0]), 403, "DENIED");
    assertError(member.delete("/v2/guarded/app/manifests/" + image.digest()), 403, "DENIED");
    assertError(member.get("/api/v2.0/users"), 403, "DENIED");
    assertError(oci.as(null).get("/api/v2.0/users"), 401, "UNAUTHORIZED");
    assertError(member.get("/api/v2.0/users/1"), 403, "DENIED");
    assertError(member.get("/api/v2.0/robots/1"), 404, "NOT_FOUND");
  }

  @Test
  @Order(44)
  void auth_membersAndSchemaWritesAreForInsiders() {
    OciClient member = oci.as(MEMBER);
    assertEquals(200, member.get("/api/v2.0/projects/guarded/members").status());
    // library is public: anyone may pull from it, not learn who works on it
    assertError(member.get("/api/v2.0/projects/library/members"), 403, "DENIED");
    assertError(oci.as(null).get("/api/v2.0/projects/library/members"), 401, "UNAUTHORIZED");
    byte[] schema = bytes("{\"schema\":\"\\\"string\\\"\"}");
    String subject = "/schema-registry/subjects/injected-value/versions";
    // Confluent's error format on its own paths: {"error_code":40101|40301,"message":…}
    Reply anonymous = oci.as(null).post(subject, schema, "Content-Type", "application/json");
    assertEquals(401, anonymous.status(), anonymous::toString);
    assertEquals(40101, anonymous.json().getInteger("error_code"));
    Reply forbidden = member.post(subject, schema, "Content-Type", "application/json");
    assertEquals(403, forbidden.status(), forbidden::toString);
    assertEquals(40301, forbidden.json().getInteger("error_code"));
    assertEquals(404, oci.get("/schema-registry/subjects/injected-value/versions").status());
    assertEquals(200, oci.as(null).get("/schema-registry/subjects").status(), "reads stay open");
  }

  @Test
  @Order(43)
  void trust_anUnsignedPullIsHarbors412() {
    JsonObject error =
        assertError(
            oci.as(MEMBER).get("/v2/guarded/app/manifests/v1"), 412, "PROJECTPOLICYVIOLATION");
    assertEquals("The image is not signed by cosign.", error.getString("message"));
  }

  // ---- bodies of the identity API ----

  /** name | path | status | code | body */
  private static final String BODIES =
      """
      user: not JSON              | /api/v2.0/users | 400 | BAD_REQUEST | {"username":
      user: no username           | /api/v2.0/users | 400 | BAD_REQUEST | {"password":"Passw0rd-ok"}
      user: weak password         | /api/v2.0/users | 400 | BAD_REQUEST | {"username":"weak","password":"password"}
      user: space in name         | /api/v2.0/users | 400 | BAD_REQUEST | {"username":"a b","password":"Passw0rd-ok"}
      user: robot$ name           | /api/v2.0/users | 400 | BAD_REQUEST | {"username":"robot$x+y","password":"Passw0rd-ok"}
      user: bad email             | /api/v2.0/users | 400 | BAD_REQUEST | {"username":"mail","password":"Passw0rd-ok","email":"nope"}
      user: existing              | /api/v2.0/users | 409 | CONFLICT    | {"username":"admin","password":"Passw0rd-ok"}
      member: unknown role        | /api/v2.0/projects/guarded/members | 400 | BAD_REQUEST | {"role_id":9,"member_user":{"username":"member"}}
      member: no member_user      | /api/v2.0/projects/guarded/members | 400 | BAD_REQUEST | {"role_id":2}
      member: unknown user        | /api/v2.0/projects/guarded/members | 404 | NOT_FOUND   | {"role_id":2,"member_user":{"username":"ghost"}}
      member: already one         | /api/v2.0/projects/guarded/members | 409 | CONFLICT    | {"role_id":2,"member_user":{"username":"member"}}
      member: no such project     | /api/v2.0/projects/nosuch/members  | 404 | NOT_FOUND   | {"role_id":2,"member_user":{"username":"member"}}
      robot: bad name             | /api/v2.0/robots | 400 | BAD_REQUEST | {"name":"Bad Name","level":"project","permissions":[{"kind":"project","namespace":"guarded","access":[{"resource":"repository","action":"pull"}]}]}
      robot: system level         | /api/v2.0/robots | 400 | BAD_REQUEST | {"name":"sys","level":"system","permissions":[{"kind":"project","namespace":"guarded","access":[{"resource":"repository","action":"pull"}]}]}
      robot: no permissions       | /api/v2.0/robots | 400 | BAD_REQUEST | {"name":"none","level":"project"}
      robot: unknown permission   | /api/v2.0/robots | 400 | BAD_REQUEST | {"name":"odd","level":"project","permissions":[{"kind":"project","namespace":"guarded","access":[{"resource":"scanner","action":"fly"}]}]}
      robot: zero duration        | /api/v2.0/robots | 400 | BAD_REQUEST | {"name":"zero","level":"project","duration":0,"permissions":[{"kind":"project","namespace":"guarded","access":[{"resource":"repository","action":"pull"}]}]}
      robot: weak secret          | /api/v2.0/robots | 400 | BAD_REQUEST | {"name":"weak","level":"project","secret":"short","permissions":[{"kind":"project","namespace":"guarded","access":[{"resource":"repository","action":"pull"}]}]}
      robot: no such project      | /api/v2.0/robots | 404 | NOT_FOUND   | {"name":"lost","level":"project","permissions":[{"kind":"project","namespace":"nosuch","access":[{"resource":"repository","action":"pull"}]}]}
      """;

  static Stream<Named<Call>> bodies() {
    return table(BODIES)
        .map(
            c ->
                Named.of(c[0], new Call("POST", c[1], Integer.parseInt(c[2]), c[3], "body", c[4])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  @Order(50)
  void identity_badBodyIsRejected(Call call) {
    Reply reply =
        oci.post(call.path(), bytes(call.headers()[1]), "Content-Type", "application/json");
    assertError(reply, call.status(), call.code());
    assertEquals(
        List.of("admin", "cairn-replicator", "member"),
        names(oci.get("/api/v2.0/users"), "username"),
        "no user was created (admin and cairn-replicator are Cairn's own)");
    assertEquals(List.of(), names(oci.get("/api/v2.0/robots"), "name"), "no robot was created");
  }

  /** name | status | code | PUT /api/v2.0/projects/guarded body */
  private static final String METADATA =
      """
      unknown key              | 400 | BAD_REQUEST | {"metadata":{"enable_content_trust_cosing":"true"}}
      not a boolean            | 400 | BAD_REQUEST | {"metadata":{"public":"yes"}}
      unknown trust mode       | 400 | BAD_REQUEST | {"metadata":{"content_trust_mode":"strictest"}}
      metadata not an object   | 400 | BAD_REQUEST | {"metadata":["public"]}
      not JSON                 | 400 | BAD_REQUEST | {"metadata":
      no such project          | 404 | NOT_FOUND   | {"metadata":{"public":"true"}}
      """;

  static Stream<Named<Call>> metadata() {
    return table(METADATA)
        .map(
            c ->
                Named.of(
                    c[0],
                    new Call(
                        "PUT",
                        c[0].equals("no such project")
                            ? "/api/v2.0/projects/nosuch"
                            : "/api/v2.0/projects/guarded",
                        Integer.parseInt(c[1]),
                        c[2],
                        "body",
                        c[3])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metadata")
  @Order(51)
  void identity_badMetadataIsRejected(Call call) {
    String before = oci.get("/api/v2.0/projects/guarded").json().getJsonObject("metadata").encode();
    Reply reply =
        oci.put(call.path(), bytes(call.headers()[1]), "Content-Type", "application/json");
    assertError(reply, call.status(), call.code());
    assertEquals(
        before,
        oci.get("/api/v2.0/projects/guarded").json().getJsonObject("metadata").encode(),
        "the metadata changed");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void showsItsErrorCodes() {
    assertShown(CODES);
  }

  private static Stream<String[]> table(String rows) {
    return rows.lines()
        .filter(line -> !line.isBlank())
        .map(line -> line.split("\\s*\\|\\s*", -1))
        .map(
            cells -> {
              for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
              }
              return cells;
            });
  }

  private static List<String> names(Reply reply, String field) {
    assertEquals(200, reply.status(), reply::toString);
    return new JsonArray(reply.text())
        .stream().map(o -> ((JsonObject) o).getString(field)).sorted().toList();
  }

  private static byte[] json(JsonObject body) {
    return body.encode().getBytes(StandardCharsets.UTF_8);
  }
}
