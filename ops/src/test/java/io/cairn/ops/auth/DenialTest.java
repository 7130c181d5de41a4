package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 403 says what was asked for and refused (the type and name of the resource, and the action),
 * never who the caller is to the project: no role, no membership, no robot permission. Every kind
 * of denial Cairn answers is asked for here by a caller whose role the old answer named.
 */
@ExtendWith(SharedKafka.class)
class DenialTest {
  /** Words that describe the caller rather than the request. */
  private static final Pattern ABOUT_THE_CALLER =
      Pattern.compile(
          "\\b(guest|limitedGuest|developer|maintainer|admins?|projectAdmin|roles?|members?"
              + "|robot|rule|anonymous|outsider)\\b",
          Pattern.CASE_INSENSITIVE);

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static final Map<String, Login> callers = new HashMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    Accounts accounts = new Accounts(admin);
    accounts.project("team", false);
    for (Map.Entry<String, Integer> role :
        Map.of("guest", 3, "developer", 2, "maintainer", 4, "limited", 5).entrySet()) {
      callers.put(role.getKey(), accounts.user(role.getKey()));
      accounts.member("team", role.getKey(), role.getValue());
    }
    callers.put("robot", accounts.robot("team", "ci", List.of("repository:pull")));
    callers.put("outsider", accounts.user("outsider"));
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  /** A refused request, and the detail its 403 must carry. */
  record Denial(String caller, String method, String path, String body, Map<String, String> asked) {
    HttpResponse<String> send() throws Exception {
      RegistryClient client = admin.as(callers.get(caller));
      return body == null
          ? client.send(method, path)
          : client.sendBody(method, path, "application/json", body);
    }
  }

  static Stream<Named<Denial>> denials() {
    String nothing = "sha256:" + "0".repeat(64);
    return Stream.of(
        denial("guest", "POST", "/v2/team/app/blobs/uploads/", null, repo("push")),
        denial("robot", "POST", "/v2/team/app/blobs/uploads/", null, repo("push")),
        denial("developer", "DELETE", "/v2/team/app/manifests/" + nothing, null, repo("delete")),
        denial("outsider", "GET", "/v2/team/app/tags/list", null, repo("pull")),
        denial(
            "maintainer",
            "DELETE",
            "/api/v2.0/projects/team/metadatas/auto_scan",
            null,
            project("manage")),
        denial("limited", "GET", "/api/v2.0/projects/team/members", null, project("list_members")),
        denial("limited", "GET", "/api/v2.0/projects/team/members/1", null, project("read_member")),
        denial(
            "guest", "POST", "/api/v2.0/projects/team/trust/cosign-keys", "{}", project("manage")),
        denial("developer", "GET", "/api/v2.0/users", null, registry("administer")),
        denial(
            "robot",
            "POST",
            "/api/v2.0/projects",
            "{\"project_name\":\"robots-own\"}",
            registry("create_project")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void a403NamesWhatWasAskedForNotTheCaller(Denial denial) throws Exception {
    HttpResponse<String> r = denial.send();
    assertEquals(403, r.statusCode(), r.body());
    JsonObject error = new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0);
    assertEquals("DENIED", error.getString("code"));
    assertEquals(
        new JsonObject(Map.<String, Object>copyOf(denial.asked())), error.getJsonObject("detail"));
    assertNothingAboutTheCaller(r.body());
  }

  /** The denials that are not the authorizer's: the user API and the schema registry's 403. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("otherDenials")
  void otherForbiddenAnswersSayNothingAboutTheCallerEither(String caller, String path)
      throws Exception {
    RegistryClient client = admin.as(callers.get(caller));
    HttpResponse<String> r =
        path.startsWith("/schema-registry")
            ? client.sendBody(
                "POST",
                path,
                "application/vnd.schemaregistry.v1+json",
                "{\"schema\":\"\\\"int\\\"\"}")
            : client.get(path);
    assertEquals(403, r.statusCode(), r.body());
    assertNothingAboutTheCaller(r.body());
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> otherDenials() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("developer", "/api/v2.0/users/1"),
        org.junit.jupiter.params.provider.Arguments.of(
            "maintainer", "/schema-registry/subjects/x-value/versions"));
  }

  private static void assertNothingAboutTheCaller(String body) {
    Matcher found = ABOUT_THE_CALLER.matcher(body);
    assertFalse(found.find(), () -> "'" + found.group() + "' in " + body);
  }

  private static Named<Denial> denial(
      String caller, String method, String path, String body, Map<String, String> asked) {
    return Named.of(
        caller + " " + method + " " + path, new Denial(caller, method, path, body, asked));
  }

  private static Map<String, String> repo(String action) {
    return Map.of("type", "repository", "name", "team/app", "action", action);
  }

  private static Map<String, String> project(String action) {
    return Map.of("type", "project", "name", "team", "action", action);
  }

  private static Map<String, String> registry(String action) {
    return Map.of("type", "registry", "action", action);
  }
}
