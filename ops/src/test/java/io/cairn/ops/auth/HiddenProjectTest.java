package io.cairn.ops.auth;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing but project creation tells an outsider that a private project exists: every other request
 * about a private project (with content, members, a robot, a trusted key) is answered to an
 * outsider, and to an anonymous caller, exactly as the same request about a project that does not
 * exist: the same status, error code and message shape (the name being the only difference), and
 * the same challenge. Creating a project of a taken name is the one exception (409), since project
 * names are one registry-wide namespace, as in Harbor.
 */
@ExtendWith(SharedKafka.class)
class HiddenProjectTest {
  private static final String HIDDEN = "hidden-vault";
  private static final String MISSING = "no-such-vault";
  private static final String OWN = "outsiders-own";

  /**
   * method | path | body ("-": none). {p} is the project; {manifest}, {layer} and {upload} are the
   * hidden project's real digests and an upload in progress there, the same in both requests.
   */
  private static final String REQUESTS =
      """
      GET    | /api/v2.0/projects/{p}                                           | -
      HEAD   | /api/v2.0/projects/{p}                                           | -
      PUT    | /api/v2.0/projects/{p}                                           | {"metadata":{"public":"true"}}
      PUT    | /api/v2.0/projects/{p}                                           | {"metadata":{"public":"maybe"}}
      DELETE | /api/v2.0/projects/{p}                                           | -
      GET    | /api/v2.0/projects/{p}/summary                                   | -
      GET    | /api/v2.0/projects/{p}/metadatas/                                | -
      POST   | /api/v2.0/projects/{p}/metadatas/                                | {"auto_scan":"true"}
      GET    | /api/v2.0/projects/{p}/metadatas/public                          | -
      PUT    | /api/v2.0/projects/{p}/metadatas/public                          | {"public":"true"}
      DELETE | /api/v2.0/projects/{p}/metadatas/public                          | -
      GET    | /api/v2.0/projects/{p}/repositories                              | -
      GET    | /api/v2.0/projects/{p}/repositories?page=0                       | -
      GET    | /api/v2.0/projects/{p}/repositories/app                          | -
      GET    | /api/v2.0/projects/{p}/repositories/app/artifacts                | -
      GET    | /api/v2.0/projects/{p}/repositories/app/artifacts/v1             | -
      GET    | /api/v2.0/projects/{p}/repositories/app/artifacts/v1/accessories | -
      DELETE | /api/v2.0/projects/{p}/repositories/app/artifacts/v1             | -
      GET    | /api/v2.0/projects/{p}/members                                   | -
      GET    | /api/v2.0/projects/{p}/members/1                                 | -
      POST   | /api/v2.0/projects/{p}/members                                   | {"role_id":1,"member_user":{"username":"outsider"}}
      PUT    | /api/v2.0/projects/{p}/members/1                                 | {"role_id":3}
      DELETE | /api/v2.0/projects/{p}/members/1                                 | -
      POST   | /api/v2.0/robots                                                 | {robot}
      GET    | /api/v2.0/projects/{p}/trust/cosign-keys                         | -
      POST   | /api/v2.0/projects/{p}/trust/cosign-keys                         | {"name":"mine","public_key":"x"}
      GET    | /api/v2.0/projects/{p}/trust/cosign-keys/keyA                    | -
      DELETE | /api/v2.0/projects/{p}/trust/cosign-keys/keyA                    | -
      GET    | /api/v2.0/projects/{p}/trust/notation/certificates               | -
      GET    | /api/v2.0/projects/{p}/trust/notation/policy                     | -
      PUT    | /api/v2.0/projects/{p}/trust/notation/policy                     | {}
      HEAD   | /api/v2.0/projects?project_name={p}                              | -
      GET    | /v2/{p}/app/tags/list                                            | -
      GET    | /v2/{p}/app/manifests/v1                                         | -
      HEAD   | /v2/{p}/app/manifests/v1                                         | -
      GET    | /v2/{p}/app/manifests/{manifest}                                 | -
      PUT    | /v2/{p}/app/manifests/v2                                         | {}
      DELETE | /v2/{p}/app/manifests/v1                                         | -
      GET    | /v2/{p}/app/blobs/{layer}                                        | -
      HEAD   | /v2/{p}/app/blobs/{layer}                                        | -
      DELETE | /v2/{p}/app/blobs/{layer}                                        | -
      POST   | /v2/{p}/app/blobs/uploads/                                       | -
      GET    | /v2/{p}/app/blobs/uploads/{upload}                               | -
      PATCH  | /v2/{p}/app/blobs/uploads/{upload}                               | bytes
      GET    | /v2/{p}/app/referrers/{manifest}                                 | -
      GET    | /v2/{p}/App/manifests/v1                                         | -
      GET    | /v2/{p}/app/manifests/.bad                                       | -
      POST   | /v2/outsiders-own/app/blobs/uploads/?mount={layer}&from={p}/app  | -
      """;

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static RegistryClient outsider;
  static Digest manifest;
  static Digest layer;
  static String upload;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    Accounts accounts = new Accounts(admin);
    accounts.project(HIDDEN, false);
    Login guest = accounts.user("guest");
    accounts.member(HIDDEN, "guest", 3);
    accounts.robot(HIDDEN, "ci", List.of("repository:pull"));
    String key = Files.readString(Path.of(resource("/fixtures/cosign/keys/keyA.pub")));
    expect(
        201,
        admin.post(
            "/api/v2.0/projects/" + HIDDEN + "/trust/cosign-keys",
            new JsonObject().put("name", "keyA").put("public_key", key).encode()));
    Digest config = admin.pushBlob(HIDDEN + "/app", "{}".getBytes(StandardCharsets.UTF_8));
    layer = admin.pushBlob(HIDDEN + "/app", "hidden layer".getBytes(StandardCharsets.UTF_8));
    byte[] body = RegistryClient.imageManifest(config, 2, null, 0, layer);
    manifest = Digest.sha256(body);
    expect(
        201,
        admin.putManifest(
            HIDDEN + "/app", "v1", "application/vnd.oci.image.manifest.v1+json", body));
    HttpResponse<String> started = admin.post("/v2/" + HIDDEN + "/app/blobs/uploads/", "");
    expect(202, started);
    String location = started.headers().firstValue("Location").orElseThrow();
    upload = location.substring(location.lastIndexOf('/') + 1);
    Login stranger = accounts.user("outsider");
    outsider = admin.as(stranger);
    expect(
        201,
        outsider.post("/api/v2.0/projects", new JsonObject().put("project_name", OWN).encode()));
    assertEquals(200, admin.as(guest).get("/v2/" + HIDDEN + "/app/manifests/v1").statusCode());
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  /** A request of the table, as a name for the report. */
  record Call(String method, String path, String body) {
    HttpResponse<String> send(RegistryClient client, String project) throws Exception {
      String target =
          path.replace("{p}", project)
              .replace("{manifest}", manifest.toString())
              .replace("{layer}", layer.toString())
              .replace("{upload}", upload);
      if (body.equals("-")) {
        return client.send(method, target);
      }
      String sent = body.equals("{robot}") ? robotBody(project) : body;
      String type =
          target.startsWith("/v2/")
              ? "application/vnd.oci.image.manifest.v1+json"
              : "application/json";
      return client.sendBody(method, target, type, sent);
    }
  }

  static Stream<Named<Call>> requests() {
    return REQUESTS
        .lines()
        .map(line -> line.split("\\s*\\|\\s*"))
        .map(
            cell ->
                Named.of(
                    cell[0].strip() + " " + cell[1],
                    new Call(cell[0].strip(), cell[1], cell[2].strip())));
  }

  @ParameterizedTest(name = "outsider: {0}")
  @MethodSource("requests")
  void anOutsiderGetsTheAnswerForAMissingProject(Call call) throws Exception {
    assertAlike(call, outsider);
  }

  @ParameterizedTest(name = "anonymous: {0}")
  @MethodSource("requests")
  void anAnonymousCallerGetsTheAnswerForAMissingProject(Call call) throws Exception {
    assertAlike(call, admin.as(null));
  }

  /** Harbor's numeric project ids: a private project's id answers as an id nobody has. */
  @Test
  void aPrivateProjectsIdAnswersAsAnUnknownId() throws Exception {
    int id =
        new JsonObject(admin.get("/api/v2.0/projects/" + HIDDEN).body()).getInteger("project_id");
    int unused = 99_999;
    assertEquals(
        HIDDEN,
        new JsonObject(admin.get("/api/v2.0/projects/" + id).body()).getString("name"),
        "the id names the project for whoever may see it");
    for (RegistryClient client : List.of(outsider, admin.as(null))) {
      for (String path : List.of("/api/v2.0/projects/%d", "/api/v2.0/projects/%d/metadatas/")) {
        HttpResponse<String> hidden = client.get(String.format(path, id));
        HttpResponse<String> missing = client.get(String.format(path, unused));
        assertTrue(hidden.statusCode() == 401 || hidden.statusCode() == 403, hidden.body());
        assertEquals(missing.statusCode(), hidden.statusCode(), path);
        assertEquals(
            missing.body().replace(Integer.toString(unused), "N"),
            hidden.body().replace(Integer.toString(id), "N"),
            path);
        assertFalse(hidden.body().contains(HIDDEN), hidden.body());
      }
    }
  }

  @Test
  void tokensListsAndTheCatalogShowNeither() throws Exception {
    for (RegistryClient client : List.of(outsider, admin.as(null))) {
      for (String project : List.of(HIDDEN, MISSING)) {
        String scope = URLEncoder.encode(project + "/app", StandardCharsets.UTF_8);
        HttpResponse<String> token =
            client.get("/service/token?scope=repository:" + scope + ":pull,push,delete");
        assertEquals(200, token.statusCode(), token.body());
        String claims =
            new String(
                Base64.getUrlDecoder()
                    .decode(new JsonObject(token.body()).getString("token").split("\\.")[1]),
                StandardCharsets.UTF_8);
        JsonArray access = new JsonObject(claims).getJsonArray("access");
        assertEquals(new JsonArray(), access.getJsonObject(0).getJsonArray("actions"), claims);
      }
      String catalog = client.get("/v2/_catalog").body();
      String projects = client.get("/api/v2.0/projects").body();
      assertFalse(catalog.contains(HIDDEN), catalog);
      assertFalse(projects.contains(HIDDEN), projects);
    }
  }

  /** The one exception, by decision: a taken name is taken for everyone who may create projects. */
  @Test
  void creatingAProjectOfTheNameIsAConflict() throws Exception {
    HttpResponse<String> taken =
        outsider.post("/api/v2.0/projects", new JsonObject().put("project_name", HIDDEN).encode());
    assertEquals(409, taken.statusCode(), taken.body());
    HttpResponse<String> anonymous =
        admin
            .as(null)
            .post("/api/v2.0/projects", new JsonObject().put("project_name", HIDDEN).encode());
    assertEquals(401, anonymous.statusCode(), anonymous.body());
  }

  private static void assertAlike(Call call, RegistryClient client) throws Exception {
    HttpResponse<String> hidden = call.send(client, HIDDEN);
    HttpResponse<String> missing = call.send(client, MISSING);
    String what = call.method() + " " + call.path();
    // A mount from a project one may not read falls back to a plain upload (202) for a caller who
    // may push, as the spec says for any mount that cannot be done: alike for both, nothing linked.
    boolean fallback = call.path().contains("?mount=") && hidden.statusCode() == 202;
    assertTrue(fallback || hidden.statusCode() >= 400, what + " answered " + hidden.statusCode());
    assertEquals(missing.statusCode(), hidden.statusCode(), what + ": " + hidden.body());
    assertEquals(masked(missing.body(), MISSING), masked(hidden.body(), HIDDEN), what);
    assertEquals(
        missing.headers().firstValue("WWW-Authenticate").map(h -> masked(h, MISSING)),
        hidden.headers().firstValue("WWW-Authenticate").map(h -> masked(h, HIDDEN)),
        what);
  }

  private static String masked(String text, String project) {
    return text.replace(project, "{p}");
  }

  private static String robotBody(String project) {
    return Accounts.robotBody(project, "spy", List.of("repository:pull"), 30).encode();
  }

  private static java.net.URI resource(String name) throws Exception {
    return HiddenProjectTest.class.getResource(name).toURI();
  }
}
