package io.cairn.ops.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.Tokens;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cross-repository mount by a client of the token flow, as the OCI conformance suite does it: the
 * 401 names the pull scope of {@code from} beside the push scope of the target, so one token can
 * hold both; and a caller who may not read {@code from} gets a plain upload (202), as the spec says
 * for a mount that cannot be done, never a refusal.
 */
@ExtendWith(SharedKafka.class)
class CrossMountTest {
  static final String FROM = "src/app";
  static final String TO = "dst/app";

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static Login dev;
  static Digest blob;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    Accounts accounts = new Accounts(admin);
    accounts.project("src", false);
    accounts.project("dst", false);
    dev = accounts.user("dev");
    accounts.member("dst", "dev", 2); // developer of dst; nothing in the private src
    blob = admin.pushBlob(FROM, "mounted, not uploaded".getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  private static String mount(String to) {
    return "/v2/" + to + "/blobs/uploads/?mount=" + blob + "&from=" + FROM;
  }

  @Test
  void theChallengeNamesBothScopes() throws Exception {
    HttpResponse<String> anonymous = admin.as(null).send("POST", mount(TO));
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertEquals(
        "Bearer realm=\""
            + cairn.url()
            + "/service/token\",service=\"cairn-registry\","
            + "scope=\"repository:dst/app:pull,push repository:src/app:pull\"",
        anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());

    // A plain upload (no mount) is challenged for its own scope only.
    HttpResponse<String> plain = admin.as(null).send("POST", "/v2/" + TO + "/blobs/uploads/");
    assertTrue(
        plain
            .headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow()
            .endsWith("scope=\"repository:dst/app:pull,push\""));
  }

  @Test
  void aTokenForBothScopesMounts() throws Exception {
    String to = "dst/both";
    // As the challenge reads: both scopes in one parameter, space-separated (reggie, docker) ...
    String oneParam =
        Tokens.token(admin, "repository:" + to + ":pull,push repository:" + FROM + ":pull");
    assertMounted(to, bearer(oneParam, mount(to)));
    // ... or one parameter per scope (containers/image).
    String to2 = "dst/both2";
    String twoParams =
        Tokens.token(admin, "repository:" + to2 + ":pull,push", "repository:" + FROM + ":pull");
    assertMounted(to2, bearer(twoParams, mount(to2)));
  }

  @Test
  void aTokenWithoutPullOnFromFallsBackToAnUpload() throws Exception {
    String to = "dst/tokenonly";
    String pushOnly = Tokens.token(admin, "repository:" + to + ":pull,push");
    assertPlainUpload(to, bearer(pushOnly, mount(to)));
  }

  @Test
  void aCallerWhoMayNotReadFromFallsBackToAnUpload() throws Exception {
    String to = "dst/dev";
    assertPlainUpload(to, admin.as(dev).send("POST", mount(to)));
    // With a token too: the service grants dev nothing on src, and the mount falls back again.
    String asked =
        Tokens.token(admin.as(dev), "repository:" + to + ":pull,push repository:" + FROM + ":pull");
    assertPlainUpload(to, bearer(asked, mount(to)));
  }

  private static HttpResponse<String> bearer(String token, String path) throws Exception {
    return admin.as(null).send("POST", path, "Authorization", "Bearer " + token);
  }

  private static void assertMounted(String to, HttpResponse<String> reply) throws Exception {
    assertEquals(201, reply.statusCode(), reply.body());
    assertEquals(blob.toString(), reply.headers().firstValue("Docker-Content-Digest").get());
    assertEquals(200, admin.head("/v2/" + to + "/blobs/" + blob).statusCode());
  }

  private static void assertPlainUpload(String to, HttpResponse<String> reply) throws Exception {
    assertEquals(202, reply.statusCode(), reply.body());
    assertTrue(
        reply.headers().firstValue("Location").orElseThrow().startsWith("/v2/" + to + "/"),
        reply.headers().toString());
    assertTrue(
        reply.headers().firstValue("WWW-Authenticate").isEmpty(), reply.headers().toString());
    assertEquals(404, admin.head("/v2/" + to + "/blobs/" + blob).statusCode(), "mounted anyway");
  }
}
