package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.events.AccessDecision;
import io.cairn.events.AccessEvent;
import io.cairn.events.ActorKind;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.TestClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals reach {@code cairn.access} as Avro records an auditor decodes with the schema Cairn
 * serves: who asked, for what, and which rule said no.
 */
@ExtendWith(SharedKafka.class)
class AccessLogTest {
  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static Accounts accounts;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    accounts = new Accounts(admin);
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void deniedPullsAndFailedLoginsAreRecorded() throws Exception {
    accounts.project("vault", false);
    Login eve = accounts.user("eve");
    assertEquals(403, admin.as(eve).get("/v2/vault/secrets/manifests/v1").statusCode());
    assertEquals(401, admin.as(null).get("/v2/vault/secrets/tags/list").statusCode());
    assertEquals(401, admin.as(new Login("eve", "Guess-1234")).get("/v2/").statusCode());

    AccessEvent denied =
        await(
            e -> e.getDecision() == AccessDecision.DENIED && e.getActor().getName().equals("eve"));
    assertEquals(ActorKind.USER, denied.getActor().getKind());
    assertEquals("vault/secrets", denied.getResource());
    assertEquals("pull", denied.getAction());
    assertEquals("not a member", denied.getRule());
    AccessEvent anonymous =
        await(
            e ->
                e.getDecision() == AccessDecision.DENIED
                    && e.getActor().getKind() == ActorKind.ANONYMOUS
                    && "vault/secrets".equals(e.getResource()));
    assertEquals("pull", anonymous.getAction());
    AccessEvent login =
        await(
            e ->
                e.getDecision() == AccessDecision.LOGIN_FAILED
                    && e.getActor().getName().equals("eve"));
    assertEquals("eve", login.getActor().getName());
    assertEquals("login", login.getAction());
    assertEquals(1, login.getFailures());
  }

  @Test
  void aContentTrustRefusalNamesTheRequirement() throws Exception {
    accounts.project("guarded", Map.of("public", "true", "enable_content_trust_cosign", "true"));
    var layer = admin.pushBlob("guarded/app", new byte[] {7});
    var config = admin.pushBlob("guarded/app", "{}".getBytes());
    RegistryClient.expect(
        201,
        admin.putManifest(
            "guarded/app",
            "v1",
            "application/vnd.oci.image.manifest.v1+json",
            RegistryClient.imageManifest(config, 2, null, 0, layer)));
    assertEquals(412, admin.as(null).get("/v2/guarded/app/manifests/v1").statusCode());
    AccessEvent refused = await(e -> e.getRule().startsWith("content trust"));
    assertEquals("content trust: The image is not signed by cosign.", refused.getRule());
    assertEquals(ActorKind.ANONYMOUS, refused.getActor().getKind());
  }

  private static AccessEvent await(Predicate<AccessEvent> wanted) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    List<AccessEvent> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = TestClients.accessEvents(cairn.audit(), cairn.config().topics().access(), cairn.url());
      for (AccessEvent e : seen) {
        if (wanted.test(e)) {
          return e;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no such access event among " + seen);
  }
}
