package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.Tokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v2/_catalog} with a bearer token needs the token to grant {@code registry:catalog:*}, as
 * in distribution: a token issued for a pull cannot list the registry. A token without it is
 * answered 401 with the challenge for that scope; the token service grants it to every caller who
 * asks (the catalog answers everyone), and the catalog shows each caller only what they may see.
 * Basic credentials and no credentials list the catalog as before.
 */
@ExtendWith(SharedKafka.class)
class CatalogTokenTest {
  private static final String CATALOG = "registry:catalog:*";

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static Login dev;
  static Login outsider;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    Accounts accounts = new Accounts(admin);
    accounts.project("team", false);
    dev = accounts.user("dev");
    accounts.member("team", "dev", 2);
    outsider = accounts.user("outsider");
    admin.pushImage("team/seen", "v1");
    admin.pushImage("library/open", "v1");
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void aTokenWithoutTheCatalogGrantIsChallengedForIt() throws Exception {
    for (Login login : new Login[] {dev, outsider, null, Login.ADMIN}) {
      String pullToken = token(login, "repository:library/open:pull");
      HttpResponse<String> r = bearer(pullToken);
      assertEquals(401, r.statusCode(), r.body());
      assertTrue(r.body().contains("\"UNAUTHORIZED\""), r.body());
      assertEquals(
          "Bearer realm=\""
              + cairn.url()
              + "/service/token\",service=\"cairn-registry\",scope=\""
              + CATALOG
              + "\"",
          r.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertEquals(401, bearer(token(login)).statusCode(), "a token of no scope at all");
    }
  }

  @Test
  void aTokenWithTheGrantListsWhatItsCallerMaySee() throws Exception {
    assertEquals(List.of("library/open", "team/seen"), repositories(bearer(token(dev, CATALOG))));
    assertEquals(List.of("library/open"), repositories(bearer(token(outsider, CATALOG))));
    assertEquals(List.of("library/open"), repositories(bearer(token(null, CATALOG))));
    assertEquals(
        List.of("library/open", "team/seen"), repositories(bearer(token(Login.ADMIN, CATALOG))));
  }

  @Test
  void theTokenServiceGrantsTheCatalogOnlyWhenAskedForIt() throws Exception {
    for (Login login : new Login[] {dev, null}) {
      assertEquals(new JsonArray().add("*"), catalogGrant(token(login, CATALOG)));
      assertEquals(new JsonArray(), catalogGrant(token(login, "registry:catalog:pull")));
    }
  }

  @Test
  void basicAndAnonymousCallersListAsBefore() throws Exception {
    assertEquals(
        List.of("library/open", "team/seen"), repositories(admin.as(dev).get("/v2/_catalog")));
    assertEquals(List.of("library/open"), repositories(admin.as(outsider).get("/v2/_catalog")));
    assertEquals(List.of("library/open"), repositories(admin.as(null).get("/v2/_catalog")));
  }

  private static List<String> repositories(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body())
        .getJsonArray("repositories").stream().map(String.class::cast).sorted().toList();
  }

  private static JsonArray catalogGrant(String token) {
    JsonObject grant = Tokens.claims(token).getJsonArray("access").getJsonObject(0);
    assertEquals("registry", grant.getString("type"));
    assertEquals("catalog", grant.getString("name"));
    return grant.getJsonArray("actions");
  }

  private static HttpResponse<String> bearer(String token) throws Exception {
    return admin.as(null).send("GET", "/v2/_catalog", "Authorization", "Bearer " + token);
  }

  private static String token(Login login, String... scopes) throws Exception {
    return Tokens.token(admin.as(login), scopes);
  }
}
