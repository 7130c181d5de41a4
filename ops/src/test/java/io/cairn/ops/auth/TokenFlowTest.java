package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.auth.TokenAccess;
import io.cairn.api.auth.TokenKey;
import io.cairn.api.auth.TokenService;
import io.cairn.ops.clients.Skopeo;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.OciLayoutImage;
import io.cairn.ops.testing.OciLayoutWriter;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.Tokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker token flow end to end: the challenge, what a token grants, what makes a token or a
 * password invalid, real skopeo signing in with {@code --creds}, and that outsiders learn nothing
 * about private projects.
 */
@ExtendWith(SharedKafka.class)
class TokenFlowTest {
  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static RegistryClient anonymous;
  static Login dev;
  static Login outsider;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    anonymous = admin.as(null);
    Accounts accounts = new Accounts(admin);
    accounts.project("team", false);
    dev = accounts.user("dev");
    accounts.member("team", "dev", 2);
    outsider = accounts.user("outsider");
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void anAnonymousRequestIsChallengedToTheTokenService() throws Exception {
    HttpResponse<String> ping = anonymous.get("/v2/");
    assertEquals(401, ping.statusCode(), ping.body());
    assertEquals(
        "Bearer realm=\"" + cairn.url() + "/service/token\",service=\"cairn-registry\"",
        ping.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertTrue(ping.body().contains("\"UNAUTHORIZED\""), ping.body());

    HttpResponse<String> pull = anonymous.get("/v2/team/app/manifests/v1");
    assertEquals(401, pull.statusCode());
    assertEquals(
        "Bearer realm=\""
            + cairn.url()
            + "/service/token\",service=\"cairn-registry\",scope=\"repository:team/app:pull\"",
        pull.headers().firstValue("WWW-Authenticate").orElseThrow());
    HttpResponse<String> push = anonymous.post("/v2/team/app/blobs/uploads/", "");
    assertTrue(
        push.headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow()
            .endsWith("scope=\"repository:team/app:pull,push\""));
  }

  @Test
  void aTokenGrantsOnlyWhatIsBothAskedAndPermitted() throws Exception {
    JsonObject claims =
        claims(token(dev, "repository:team/app:pull,push,delete", "repository:library/x:*"));
    assertEquals("dev", claims.getString("sub"));
    assertEquals("cairn-registry", claims.getString("aud"));
    assertEquals(1800, claims.getLong("exp") - claims.getLong("iat"));
    assertEquals(Set.of("pull", "push"), actions(claims, "team/app")); // developers do not delete
    assertEquals(Set.of("pull"), actions(claims, "library/x")); // public: pull for everyone

    JsonObject anonymousClaims = claims(token(null, "repository:team/app:pull"));
    assertEquals(Set.of(), actions(anonymousClaims, "team/app"));
    JsonObject adminClaims = claims(token(Login.ADMIN, "repository:team/app:pull,push,delete"));
    assertEquals(Set.of("pull", "push", "delete"), actions(adminClaims, "team/app"));
  }

  @Test
  void aBearerTokenIsLimitedToItsGrants() throws Exception {
    String pullOnly = token(dev, "repository:team/app:pull");
    HttpResponse<String> push =
        anonymous.send(
            "POST", "/v2/team/app/blobs/uploads/", "Authorization", "Bearer " + pullOnly);
    assertEquals(401, push.statusCode(), "a token without push asks for a better token");
    assertTrue(push.headers().firstValue("WWW-Authenticate").orElseThrow().contains("pull,push"));
    String pushToo = token(dev, "repository:team/app:pull,push");
    HttpResponse<String> pushed =
        anonymous.send("POST", "/v2/team/app/blobs/uploads/", "Authorization", "Bearer " + pushToo);
    assertEquals(202, pushed.statusCode(), pushed.body());
    HttpResponse<String> api =
        anonymous.send(
            "GET", "/api/v2.0/projects/team/members", "Authorization", "Bearer " + pushToo);
    assertEquals(401, api.statusCode(), "tokens are for /v2/, not the management API");
  }

  @Test
  void expiredTamperedAndForeignTokensAre401() throws Exception {
    TokenService sameKey =
        new TokenService(
            TokenKey.loadOrCreate(cairn.config().authDir()),
            "cairn-registry",
            Duration.ofMinutes(30));
    List<TokenAccess> pull = TokenAccess.parseScope("repository:library/x:pull");
    String expired = sameKey.issue("dev", "user", pull, Instant.now().minus(Duration.ofHours(1)));
    String valid = sameKey.issue("dev", "user", pull, Instant.now());
    String otherAudience =
        new TokenService(
                TokenKey.loadOrCreate(cairn.config().authDir()),
                "someone-else",
                Duration.ofMinutes(30))
            .issue("dev", "user", pull, Instant.now());
    String otherKey =
        new TokenService(
                TokenKey.loadOrCreate(dataDir.resolve("other-key")),
                "cairn-registry",
                Duration.ofMinutes(30))
            .issue("dev", "user", pull, Instant.now());
    String[] part = valid.split("\\.");
    String widened =
        part[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    new String(Base64.getUrlDecoder().decode(part[1]), StandardCharsets.UTF_8)
                        .replace("\"pull\"", "\"pull\",\"push\"")
                        .getBytes(StandardCharsets.UTF_8))
            + "."
            + part[2];
    String ghost = sameKey.issue("ghost", "user", pull, Instant.now());

    assertEquals(200, bearer(valid, "/v2/").statusCode());
    for (String bad : List.of(expired, otherAudience, otherKey, widened, "not.a.token", ghost)) {
      HttpResponse<String> r = bearer(bad, "/v2/");
      assertEquals(401, r.statusCode(), bad + " → " + r.body());
      assertTrue(r.body().contains("\"UNAUTHORIZED\""), r.body());
    }
  }

  @Test
  void wrongPasswordsAre401AndRepeatedFailuresAreSlowed() throws Exception {
    Login wrong = new Login("outsider", "not-the-password");
    long first = 0;
    long last = 0;
    for (int i = 1; i <= 7; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = admin.as(wrong).get("/v2/");
      long took = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(401, r.statusCode());
      if (i == 1) {
        first = took;
      }
      last = took;
    }
    assertTrue(
        last >= first + 400,
        "the 7th failure waited " + last + " ms, the first " + first + " ms: not slowed");
    HttpResponse<String> unknown = admin.as(new Login("nobody", "Whatever-123")).get("/v2/");
    assertEquals(401, unknown.statusCode());
    assertEquals(
        new JsonObject(admin.as(wrong).get("/v2/").body()).getJsonArray("errors"),
        new JsonObject(unknown.body()).getJsonArray("errors"),
        "an unknown name and a wrong password answer alike");
    assertEquals(200, admin.as(outsider).get("/v2/").statusCode(), "the right one still works");
  }

  @Test
  void outsidersLearnNothingAboutPrivateProjects() throws Exception {
    RegistryClient stranger = admin.as(outsider);
    for (String path :
        List.of(
            "/api/v2.0/projects/%s",
            "/api/v2.0/projects/%s/repositories",
            "/api/v2.0/projects/%s/members",
            "/v2/%s/app/tags/list",
            "/v2/%s/app/manifests/v1")) {
      HttpResponse<String> existing = stranger.get(String.format(path, "team"));
      HttpResponse<String> missing = stranger.get(String.format(path, "nosuchproject"));
      assertEquals(403, existing.statusCode(), path);
      assertEquals(existing.statusCode(), missing.statusCode(), path);
      assertEquals(
          existing.body().replace("team", "X"), missing.body().replace("nosuchproject", "X"), path);
      HttpResponse<String> nobody = anonymous.get(String.format(path, "team"));
      assertEquals(401, nobody.statusCode(), path);
    }
    String tokenForPrivate = token(outsider, "repository:team/app:pull");
    String tokenForMissing = token(outsider, "repository:nosuchproject/app:pull");
    assertEquals(Set.of(), actions(claims(tokenForPrivate), "team/app"));
    assertEquals(Set.of(), actions(claims(tokenForMissing), "nosuchproject/app"));
  }

  @Test
  void listsShowOnlyWhatTheCallerMaySee() throws Exception {
    admin.pushImage("team/seen", "v1");
    admin.pushImage("library/open", "v1");
    assertTrue(catalog(admin).containsAll(List.of("library/open", "team/seen")));
    assertEquals(List.of("library/open"), catalog(admin.as(outsider)));
    assertTrue(catalog(admin.as(dev)).contains("team/seen"));
    assertEquals(List.of("library/open"), catalog(anonymous));

    JsonArray projects = new JsonArray(admin.as(outsider).get("/api/v2.0/projects").body());
    assertEquals(List.of("library"), names(projects));
    JsonArray devProjects = new JsonArray(admin.as(dev).get("/api/v2.0/projects").body());
    assertEquals(List.of("library", "team"), names(devProjects));
  }

  @Test
  void skopeoSignsInThroughTheTokenFlowAsARobot() throws Exception {
    Accounts accounts = new Accounts(admin);
    Login pusher = accounts.robot("team", "pusher", List.of("repository:pull", "repository:push"));
    Login reader = accounts.robot("team", "reader", List.of("repository:pull"));
    Path work = Files.createDirectories(dataDir.resolve("skopeo"));
    Skopeo skopeo = new Skopeo(work, Duration.ofSeconds(90));
    OciLayoutWriter layout = OciLayoutWriter.create(work.resolve("layout"));
    layout.tag("v1", OciLayoutImage.generated(11, 64));
    String target = "docker://" + cairn.host() + "/team/robotic:v1";

    skopeo.as(pusher).copy(layout.reference("v1"), target).expectSuccess();
    skopeo.as(reader).copy(target, "oci:" + work.resolve("pulled") + ":v1").expectSuccess();
    Skopeo.Result denied = skopeo.as(reader).copy(layout.reference("v1"), target);
    assertFalse(denied.ok(), "a pull-only robot pushed: " + denied);
    Skopeo.Result anonymousPull =
        skopeo.as(null).copy(target, "oci:" + work.resolve("anon") + ":v1");
    assertFalse(anonymousPull.ok(), "anonymous pulled from a private project: " + anonymousPull);
    assertTrue(
        anonymousPull.stderr().contains("unauthorized")
            || anonymousPull.stderr().contains("sign in to pull from"),
        anonymousPull.stderr());

    Skopeo.Result wrongSecret =
        skopeo.as(new Login(pusher.name(), "Wrong-Secret-1")).inspectRaw(target);
    assertFalse(wrongSecret.ok(), wrongSecret.toString());
  }

  @Test
  void aDeletedUserLosesPasswordTokensAndMembershipsEvenToANamesake() throws Exception {
    Accounts accounts = new Accounts(admin);
    Login temp = accounts.user("temp");
    accounts.member("team", "temp", 2);
    String token = token(temp, "repository:team/app:pull");
    JsonObject me = new JsonObject(admin.as(temp).get("/api/v2.0/users/current").body());
    int id = me.getInteger("user_id");

    RegistryClient.expect(200, admin.delete("/api/v2.0/users/" + id));
    assertEquals(401, admin.as(temp).get("/v2/").statusCode());
    assertEquals(401, bearer(token, "/v2/").statusCode(), "its tokens end with it");
    assertEquals(404, admin.get("/api/v2.0/users/" + id).statusCode());
    assertEquals(403, admin.delete("/api/v2.0/users/1").statusCode(), "never the bootstrap admin");

    Login namesake = accounts.user("temp");
    assertEquals(
        403,
        admin.as(namesake).get("/v2/team/app/tags/list").statusCode(),
        "a new account of the same name inherits nothing");
    assertFalse(admin.get("/api/v2.0/projects/team/members").body().contains("\"temp\""));
  }

  @Test
  void aRefreshedRobotSecretReplacesTheOldOne() throws Exception {
    Login robot = new Accounts(admin).robot("team", "rotating", List.of("repository:pull"));
    JsonObject listed =
        new JsonArray(admin.get("/api/v2.0/robots").body())
            .stream()
                .map(JsonObject.class::cast)
                .filter(r -> r.getString("name").equals(robot.name()))
                .findFirst()
                .orElseThrow();
    HttpResponse<String> refreshed =
        admin.send("PATCH", "/api/v2.0/robots/" + listed.getInteger("id"));
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    Login renewed = new Login(robot.name(), new JsonObject(refreshed.body()).getString("secret"));
    assertEquals(401, admin.as(robot).get("/v2/").statusCode(), "the old secret is gone");
    assertEquals(200, admin.as(renewed).get("/v2/").statusCode());
  }

  private static List<String> names(JsonArray projects) {
    return projects.stream().map(p -> ((JsonObject) p).getString("name")).sorted().toList();
  }

  private static List<String> catalog(RegistryClient client) throws Exception {
    HttpResponse<String> r = client.get("/v2/_catalog?n=1000");
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body())
        .getJsonArray("repositories").stream().map(String.class::cast).toList();
  }

  private static HttpResponse<String> bearer(String token, String path) throws Exception {
    return anonymous.send("GET", path, "Authorization", "Bearer " + token);
  }

  private static String token(Login login, String... scopes) throws Exception {
    return Tokens.token(admin.as(login), scopes);
  }

  private static JsonObject claims(String token) {
    return Tokens.claims(token);
  }

  private static Set<String> actions(JsonObject claims, String repository) {
    Set<String> out = new TreeSet<>();
    for (Object o : claims.getJsonArray("access")) {
      JsonObject a = (JsonObject) o;
      if (a.getString("type").equals("repository") && a.getString("name").equals(repository)) {
        a.getJsonArray("actions").forEach(x -> out.add((String) x));
      }
    }
    return out;
  }
}
