package io.cairn.ops.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.clients.Skopeo;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.Tokens;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person meets first, over real HTTP: the front door, refusals in words a user knows, the
 * reason of a failed HEAD in a {@code Warning} header (and what real skopeo then prints), and an
 * {@code X-Request-Id} on every kind of answer.
 */
@ExtendWith(SharedKafka.class)
class FirstContactTest {
  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static RegistryClient anonymous;
  static Login outsider;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    anonymous = admin.as(null);
    Accounts accounts = new Accounts(admin);
    accounts.project("shop", false);
    outsider = accounts.user("outsider");
    admin.pushImage("shop/app", "v1");
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void theFrontDoorSaysWhatAnswersWhere() throws Exception {
    HttpResponse<String> root = anonymous.get("/");
    assertEquals(200, root.statusCode(), root.body());
    assertEquals("text/plain; charset=utf-8", root.headers().firstValue("Content-Type").get());
    for (String pointer : List.of("Cairn", "/v2/", "/api/v2.0/", "/healthz", "/readyz")) {
      assertTrue(root.body().contains(pointer), pointer + " missing from: " + root.body());
    }
    assertEquals(200, anonymous.head("/").statusCode());
  }

  @Test
  void refusalsSayWhatToDo() throws Exception {
    assertMessage(anonymous.get("/v2/"), 401, "sign in to use this registry");
    assertMessage(anonymous.get("/v2/shop/app/manifests/v1"), 401, "sign in to pull from shop/app");
    assertMessage(
        anonymous.get("/api/v2.0/projects/shop/members"),
        401,
        "sign in to list the members of project shop");

    String pushOnly = Tokens.token(admin, "repository:shop/app:push");
    assertMessage(
        anonymous.send("GET", "/v2/shop/app/manifests/v1", "Authorization", "Bearer " + pushOnly),
        401,
        "your token does not allow you to pull from shop/app:"
            + " ask for scope repository:shop/app:pull");
    String noCatalog = Tokens.token(admin, "repository:shop/app:pull");
    assertMessage(
        anonymous.send("GET", "/v2/_catalog", "Authorization", "Bearer " + noCatalog),
        401,
        "your token does not allow listing the catalog: ask for scope registry:catalog:*");
  }

  @Test
  void aPrivateProjectAndAMissingOneAreRefusedInTheSameWords() throws Exception {
    for (RegistryClient who : List.of(anonymous, admin.as(outsider))) {
      HttpResponse<String> there = who.get("/v2/shop/app/manifests/v1");
      HttpResponse<String> nowhere = who.get("/v2/ghost/app/manifests/v1");
      assertEquals(there.statusCode(), nowhere.statusCode());
      assertEquals(there.body().replace("shop", "{p}"), nowhere.body().replace("ghost", "{p}"));
    }
  }

  @Test
  void aFailedHeadCarriesItsReasonInAWarning() throws Exception {
    HttpResponse<String> bare = admin.head("/v2/app/manifests/v1");
    assertEquals(400, bare.statusCode());
    String warning = bare.headers().firstValue("Warning").orElseThrow();
    assertTrue(
        warning.matches("299 - \"NAME_INVALID: .*project.*\""),
        "not an RFC 7234 warning naming the reason: " + warning);

    HttpResponse<String> missing = admin.head("/v2/shop/app/manifests/nope");
    assertEquals(404, missing.statusCode());
    assertEquals(
        "299 - \"MANIFEST_UNKNOWN: manifest nope is not in shop/app\"",
        missing.headers().firstValue("Warning").orElseThrow());
    assertTrue(
        admin.get("/v2/shop/app/manifests/nope").headers().firstValue("Warning").isEmpty(),
        "a GET has its reason in the body");
  }

  /**
   * What skopeo shows for a name without a project. {@code inspect} GETs the manifest and prints
   * the body's message. A push first HEADs its blobs: skopeo 1.9 (Debian's) prints only the status
   * line then ({@code 400 (Bad Request)}); containers/image since it reads {@code Warning: 299 -
   * "…"} prints {@code Warning from registry …} with the reason, which this checks whenever it
   * appears.
   */
  @Test
  void skopeoShowsWhyABareNameFails() throws Exception {
    Skopeo skopeo =
        new Skopeo(Files.createDirectories(dataDir.resolve("skopeo")), Duration.ofSeconds(60));
    String bare = "docker://" + cairn.host() + "/app:v1";
    String reason = "has no project: use <project>/<repository>";

    Skopeo.Result inspect = skopeo.inspect(bare);
    System.out.println("skopeo inspect printed: " + inspect.stderr());
    assertFalse(inspect.ok(), inspect.toString());
    assertTrue(inspect.stderr().contains(reason), inspect.stderr());

    Skopeo.Result push = skopeo.copy("oci:" + FixtureLayout.cosignRoot() + ":app:v1", bare);
    System.out.println("skopeo copy printed: " + push.stderr());
    assertFalse(push.ok(), push.toString());
    assertTrue(push.stderr().contains("400 (Bad Request)"), push.stderr());
    if (push.stderr().contains("Warning from registry")) {
      assertTrue(push.stderr().contains(reason), push.stderr());
    }
  }

  @Test
  void everyAnswerCarriesARequestId() throws Exception {
    Set<String> seen = new HashSet<>();
    for (HttpResponse<String> answer :
        List.of(
            anonymous.get("/v2/"), // 401 challenge
            admin.get("/v2/"), // 200
            admin.get("/nowhere"), // 404 of an unknown route
            admin.get("/v2/shop/app/manifests/nope"), // an OCI error
            admin.head("/v2/app/manifests/v1"), // an error to a HEAD
            admin.get("/api/v2.0/projects"), // Harbor's API
            admin.get("/healthz"),
            anonymous.get("/"))) {
      String id = answer.headers().firstValue("X-Request-Id").orElse("");
      assertFalse(id.isBlank(), answer.uri() + " " + answer.statusCode() + " has no request id");
      assertTrue(seen.add(id), "request id " + id + " given twice");
    }

    String mine = "trace-4bf92f3577b34da6";
    assertEquals(mine, requestId(admin.send("GET", "/nowhere", "X-Request-Id", mine)));
    assertEquals(mine, requestId(anonymous.send("GET", "/v2/", "X-Request-Id", mine)));
    for (String insane : List.of("x".repeat(129), "has space", "")) {
      String answered = requestId(admin.send("GET", "/v2/", "X-Request-Id", insane));
      assertNotEquals(insane, answered);
      assertTrue(answered.matches("[0-9a-f-]{36}"), answered);
    }
  }

  private static String requestId(HttpResponse<String> answer) {
    return answer.headers().firstValue("X-Request-Id").orElse("");
  }

  private static void assertMessage(HttpResponse<String> answer, int status, String message) {
    assertEquals(status, answer.statusCode(), answer.body());
    JsonObject error = new JsonObject(answer.body()).getJsonArray("errors").getJsonObject(0);
    assertEquals(message, error.getString("message"), answer.body());
  }
}
