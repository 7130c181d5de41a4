package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RawHttp;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Authorization comes before validation on every route: a malformed request is answered 401 to an
 * anonymous caller and 403 to a caller who may not do what it asks (or the route's usual 404, for
 * robots, which are hidden from those who may not manage them); only a caller who may learns what
 * is malformed. Where the input names what to authorize (a repository name in the path, a robot's
 * project in the body), a malformed name is authorized as a project nobody has: the first path
 * component of a repository, and for an unreadable robot body no project at all.
 */
@ExtendWith(SharedKafka.class)
class AuthorizeFirstTest {
  /**
   * method | path | body ("-": none) | a caller who may not ("-": none) and the status they get | a
   * caller who may | the status and code they get. {robot} is the id of team's robot. Callers:
   * guest (may pull from team), outsider (a user of no project), robot (team's, pull only), admin.
   */
  private static final String REQUESTS =
      """
      GET    | /v2/team/App/tags/list                               | -  | outsider 403 | guest | 400 NAME_INVALID
      GET    | /v2/team//app/manifests/v1                           | -  | outsider 403 | guest | 400 NAME_INVALID
      GET    | /v2/app/manifests/v1                                 | -  | guest 403    | admin | 400 NAME_INVALID
      GET    | /v2/team/app/manifests/.bad                          | -  | outsider 403 | guest | 404 MANIFEST_UNKNOWN
      HEAD   | /v2/team/app/manifests/.bad                          | -  | outsider 403 | guest | 404 -
      GET    | /v2/team/app/blobs/sha256:short                      | -  | outsider 403 | guest | 400 DIGEST_INVALID
      GET    | /v2/team/app/referrers/latest                        | -  | outsider 403 | guest | 400 DIGEST_INVALID
      GET    | /v2/team/app/tags/list?n=-1                          | -  | outsider 403 | guest | 400 PAGINATION_NUMBER_INVALID
      POST   | /v2/team/App/blobs/uploads/                          | -  | guest 403    | admin | 400 NAME_INVALID
      POST   | /v2/team/app/blobs/uploads/?digest=sha256:short      | -  | guest 403    | admin | 400 DIGEST_INVALID
      POST   | /v2/team/app/blobs/uploads/?mount=md5:00&from=team/x | -  | guest 403    | admin | 400 DIGEST_INVALID
      PUT    | /v2/team/app/blobs/uploads/some-upload               | -  | guest 403    | admin | 400 DIGEST_INVALID
      PUT    | /v2/team/app/manifests/.bad                          | {} | guest 403    | admin | 400 TAG_INVALID
      DELETE | /v2/team/app/manifests/.bad                          | -  | guest 403    | admin | 404 MANIFEST_UNKNOWN
      DELETE | /v2/team/app/blobs/sha256:short                      | -  | guest 403    | admin | 400 DIGEST_INVALID
      POST   | /api/v2.0/projects                                   | {"project_name":"Bad Name"} | robot 403 | outsider | 400 BAD_REQUEST
      POST   | /api/v2.0/projects                                   | not json | robot 403 | outsider | 400 BAD_REQUEST
      PUT    | /api/v2.0/projects/team                              | {"metadata":{"public":"maybe"}} | guest 403 | admin | 400 BAD_REQUEST
      POST   | /api/v2.0/projects/team/metadatas/                   | {"no_such_key":"x"} | guest 403 | admin | 400 BAD_REQUEST
      PUT    | /api/v2.0/projects/team/metadatas/public             | {"other":"x"} | guest 403 | admin | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories?page=0          | -  | outsider 403 | guest | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories?q=nonsense      | -  | outsider 403 | guest | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories/App             | -  | outsider 403 | guest | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories/App/artifacts   | -  | outsider 403 | guest | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories/app/artifacts?page_size=1000   | - | outsider 403 | guest | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories/app/artifacts?with_tag=maybe   | - | outsider 403 | guest | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories/app/artifacts/v1?with_tag=x    | - | outsider 403 | guest | 400 BAD_REQUEST
      GET    | /api/v2.0/projects/team/repositories/app/artifacts/v1/accessories?sort=x | - | outsider 403 | guest | 400 BAD_REQUEST
      DELETE | /api/v2.0/projects/team/repositories/App/artifacts/v1 | - | guest 403  | admin | 400 BAD_REQUEST
      POST   | /api/v2.0/projects/team/members                      | {"role_id":9,"member_user":{"username":"guest"}} | guest 403 | admin | 400 BAD_REQUEST
      PUT    | /api/v2.0/projects/team/members/1                    | {"role_id":"x"} | guest 403 | admin | 400 BAD_REQUEST
      POST   | /api/v2.0/robots                                     | {"name":"Bad Name","permissions":[{"kind":"project","namespace":"team","access":[]}]} | guest 403 | admin | 400 BAD_REQUEST
      POST   | /api/v2.0/robots                                     | not json | guest 403 | admin | 400 BAD_REQUEST
      PATCH  | /api/v2.0/robots/{robot}                             | {"secret":"short"} | guest 404 | admin | 400 BAD_REQUEST
      POST   | /api/v2.0/users                                      | {"username":"a b","password":"x"} | outsider 403 | admin | 400 BAD_REQUEST
      PUT    | /api/v2.0/users/1/password                           | {"new_password":"short"} | outsider 403 | admin | 400 BAD_REQUEST
      POST   | /api/v2.0/projects/team/trust/cosign-keys            | {"name":"!","public_key":"x"} | guest 403 | admin | 400 BAD_REQUEST
      POST   | /api/v2.0/projects/team/trust/notation/certificates  | {} | guest 403 | admin | 400 BAD_REQUEST
      PUT    | /api/v2.0/projects/team/trust/notation/policy        | not a policy | guest 403 | admin | 400 BAD_REQUEST
      """;

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static final Map<String, Login> callers = new HashMap<>();
  static int robotId;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    Accounts accounts = new Accounts(admin);
    accounts.project("team", false);
    callers.put("guest", accounts.user("guest"));
    accounts.member("team", "guest", 3);
    callers.put("outsider", accounts.user("outsider"));
    callers.put("robot", accounts.robot("team", "ci", List.of("repository:pull")));
    callers.put("admin", Login.ADMIN);
    admin.pushImage("team/app", "v1");
    robotId = new JsonArray(admin.get("/api/v2.0/robots").body()).getJsonObject(0).getInteger("id");
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  /** A malformed request of the table, and who gets what for it. */
  record Row(
      String method,
      String path,
      String body,
      String lacking,
      int lackingStatus,
      String allowed,
      int status,
      String code) {
    HttpResponse<String> send(String caller) throws Exception {
      RegistryClient client = admin.as(caller == null ? null : callers.get(caller));
      String target = path.replace("{robot}", Integer.toString(robotId));
      if (body.equals("-")) {
        return client.send(method, target);
      }
      String type =
          path.startsWith("/v2/")
              ? "application/vnd.oci.image.manifest.v1+json"
              : "application/json";
      return client.sendBody(method, target, type, body);
    }
  }

  static Stream<Named<Row>> rows() {
    return REQUESTS
        .lines()
        .map(line -> line.split("\\s*\\|\\s*"))
        .map(
            cell -> {
              String[] lacking = cell[3].split(" ");
              String[] outcome = cell[5].split(" ");
              Row row =
                  new Row(
                      cell[0],
                      cell[1],
                      cell[2],
                      lacking[0],
                      Integer.parseInt(lacking[1]),
                      cell[4],
                      Integer.parseInt(outcome[0]),
                      outcome[1]);
              return Named.of(cell[0] + " " + cell[1], row);
            });
  }

  @ParameterizedTest(name = "anonymous: {0}")
  @MethodSource("rows")
  void anAnonymousCallerIsAskedToSignIn(Row row) throws Exception {
    HttpResponse<String> r = row.send(null);
    assertEquals(401, r.statusCode(), r.body());
    if (!row.method().equals("HEAD")) {
      assertEquals("UNAUTHORIZED", code(r), r.body());
    }
    if (row.path().startsWith("/v2/")) {
      assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent(), r.headers().toString());
    }
  }

  @ParameterizedTest(name = "without permission: {0}")
  @MethodSource("rows")
  void aCallerWhoMayNotIsRefusedAsForAGoodRequest(Row row) throws Exception {
    HttpResponse<String> r = row.send(row.lacking());
    assertEquals(row.lackingStatus(), r.statusCode(), r.body());
    if (!row.method().equals("HEAD")) {
      assertEquals(row.lackingStatus() == 403 ? "DENIED" : "NOT_FOUND", code(r), r.body());
    }
  }

  @ParameterizedTest(name = "with permission: {0}")
  @MethodSource("rows")
  void aCallerWhoMayLearnsWhatIsMalformed(Row row) throws Exception {
    HttpResponse<String> r = row.send(row.allowed());
    assertEquals(row.status(), r.statusCode(), r.body());
    if (!row.code().equals("-")) {
      assertEquals(row.code(), code(r), r.body());
    }
  }

  /**
   * A query that cannot be decoded (sent raw: no URI class writes {@code %ZZ}) is authorized like
   * any request of its route. The base and the catalog answer everyone signed in, and the catalog
   * anonymous callers too, so for them it is the client's error.
   */
  @Test
  void anUnreadableQueryIsAuthorizedFirst() throws Exception {
    String tags = "/v2/team/app/tags/list?n=%ZZ";
    assertEquals(401, status(raw(tags, null)));
    assertEquals(403, status(raw(tags, "outsider")));
    assertEquals(400, status(raw(tags, "guest")));
    assertEquals(401, status(raw("/v2/?x=%ZZ", null)), "the base needs credentials");
    assertEquals(400, status(raw("/v2/?x=%ZZ", "outsider")));
    assertEquals(400, status(raw("/v2/_catalog?x=%ZZ", null)));
    assertEquals("PAGINATION_NUMBER_INVALID", code(admin.as(null).get("/v2/_catalog?n=x")));
  }

  private static String raw(String target, String caller) throws Exception {
    String[] auth =
        caller == null
            ? new String[0]
            : new String[] {"Authorization: " + callers.get(caller).basic()};
    return RawHttp.exchange(cairn.url(), "GET", target, cairn.host(), auth);
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
  }

  /** A malformed name reaches the challenge's scope escaped, never ending the parameter early. */
  @Test
  void aNameWithQuotesIsEscapedInTheChallenge() throws Exception {
    String answer =
        RawHttp.exchange(cairn.url(), "GET", "/v2/team/a\"b\\c/manifests/v1", cairn.host());
    assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
    assertEquals(
        "Bearer realm=\""
            + cairn.url()
            + "/service/token\",service=\"cairn-registry\",scope=\"repository:team/a\\\"b\\\\c:pull\"",
        RawHttp.header(answer, "WWW-Authenticate"));
  }

  private static String code(HttpResponse<String> r) {
    return new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("code");
  }
}
