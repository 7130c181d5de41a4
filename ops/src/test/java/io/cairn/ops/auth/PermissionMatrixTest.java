package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix over real HTTP: every kind of caller × pull, push, delete, list, manage,
 * list the members and read one member × a public and a private project, each answered by a real
 * request, against the table below (Harbor's "user permissions by role" for these actions, and its
 * {@code member} resource: every role but the limited guest, robots given {@code member:list} or
 * {@code member:read}, never anyone for the project being public). Allowed means the request got
 * past authorization; denied means 401 for nobody and 403 for a known caller.
 */
@ExtendWith(SharedKafka.class)
class PermissionMatrixTest {
  /**
   * Y allowed, n denied, in the order of {@link #ACTIONS}: the public project, then the private.
   */
  private static final Map<String, String> MATRIX = new LinkedHashMap<>();

  static {
    MATRIX.put("project admin", "YYYYYYY YYYYYYY");
    MATRIX.put("maintainer", "YYYYnYY YYYYnYY");
    MATRIX.put("developer", "YYnYnYY YYnYnYY");
    MATRIX.put("guest", "YnnYnYY YnnYnYY");
    MATRIX.put("limited guest", "YnnYnnn YnnYnnn");
    MATRIX.put("robot pull+push", "YYnYnnn YYnYnnn");
    MATRIX.put("robot member:list", "YnnYnYn nnnnnYn");
    MATRIX.put("robot member:read", "YnnYnnY nnnnnnY");
    MATRIX.put("robot of another project", "YnnYnnn nnnnnnn");
    MATRIX.put("non-member", "YnnYnnn nnnnnnn");
    MATRIX.put("anonymous", "YnnYnnn nnnnnnn");
    MATRIX.put("system admin", "YYYYYYY YYYYYYY");
  }

  private static final List<String> ACTIONS =
      List.of("pull", "push", "delete", "list", "manage", "list members", "read member");
  private static final Map<String, Integer> ROLE_IDS =
      Map.of("project admin", 1, "developer", 2, "guest", 3, "maintainer", 4, "limited guest", 5);

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static final Map<String, Map<String, Login>> callers = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    Accounts accounts = new Accounts(admin);
    accounts.project("pub", true);
    accounts.project("priv", false);
    accounts.project("elsewhere", false);
    for (String project : List.of("pub", "priv")) {
      admin.pushImage(project + "/app", "v1");
    }
    Login robotElsewhere =
        accounts.robot("elsewhere", "ci", List.of("repository:pull", "repository:push"));
    Login outsider = accounts.user("outsider");
    for (String project : List.of("pub", "priv")) {
      Map<String, Login> byCaller = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> role : ROLE_IDS.entrySet()) {
        String name = project + "-" + role.getKey().replace(' ', '-');
        Login user = accounts.user(name);
        accounts.member(project, name, role.getValue());
        byCaller.put(role.getKey(), user);
      }
      byCaller.put(
          "robot pull+push",
          accounts.robot(project, "ci", List.of("repository:pull", "repository:push")));
      byCaller.put("robot member:list", accounts.robot(project, "lister", List.of("member:list")));
      byCaller.put("robot member:read", accounts.robot(project, "reader", List.of("member:read")));
      byCaller.put("robot of another project", robotElsewhere);
      byCaller.put("non-member", outsider);
      byCaller.put("anonymous", null);
      byCaller.put("system admin", Login.ADMIN);
      callers.put(project, byCaller);
    }
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    MATRIX.forEach(
        (caller, row) -> {
          String[] halves = row.split(" ");
          for (int i = 0; i < ACTIONS.size(); i++) {
            cells.add(Arguments.of(caller, "pub", ACTIONS.get(i), halves[0].charAt(i) == 'Y'));
            cells.add(Arguments.of(caller, "priv", ACTIONS.get(i), halves[1].charAt(i) == 'Y'));
          }
        });
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} {2} in {1}: {3}")
  @MethodSource("cells")
  void theMatrixHolds(String caller, String project, String action, boolean allowed)
      throws Exception {
    Login login = callers.get(project).get(caller);
    RegistryClient client = admin.as(login);
    String repo = project + "/app";
    String nothing = "sha256:" + "0".repeat(64);
    HttpResponse<String> response;
    int success;
    switch (action) {
      case "pull" -> {
        response = client.get("/v2/" + repo + "/manifests/v1");
        success = 200;
      }
      case "push" -> {
        response = client.post("/v2/" + repo + "/blobs/uploads/", "");
        success = 202;
      }
      case "delete" -> {
        response = client.delete("/v2/" + repo + "/manifests/" + nothing);
        success = 404; // authorized, then: no such manifest
      }
      case "list" -> {
        response = client.get("/api/v2.0/projects/" + project + "/repositories");
        success = 200;
      }
      case "manage" -> {
        response = client.delete("/api/v2.0/projects/" + project + "/metadatas/prevent_vul");
        success = 404; // authorized, then: that metadata is not set
      }
      case "list members" -> {
        response = client.get("/api/v2.0/projects/" + project + "/members");
        success = 200;
      }
      default -> {
        response = client.get("/api/v2.0/projects/" + project + "/members/1"); // admin, creator
        success = 200;
      }
    }
    int denied = login == null ? 401 : 403;
    assertEquals(
        allowed ? success : denied,
        response.statusCode(),
        caller + " " + action + " in " + project + ": " + response.body());
  }
}
