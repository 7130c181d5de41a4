package io.cairn.ops.auth;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.api.auth.SecretHash;
import io.cairn.api.sealing.SealingKey;
import io.cairn.api.sealing.SealingKeyFile;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.RegistryEvent;
import io.cairn.events.RobotCreated;
import io.cairn.events.UserCreated;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.TestClients;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log keeps what earlier Cairns wrote (plain PBKDF2 hashes), and the sealing key can be lost or
 * replaced: old accounts still sign in, and a secret this instance cannot open is a refused login
 * (401) with one ERROR line naming the key it needs, never a 500; a missing key file with sealed
 * secrets in the log stops the start instead of silently making a new key.
 */
@ExtendWith(SharedKafka.class)
class SealingKeyLossTest {
  private static final SecretHash OLD_CAIRN = new SecretHash(1_000);

  @Test
  void accountsFromBeforeSealingStillSignIn(@TempDir Path data) throws Exception {
    TestCairn cairn = TestCairn.start(data);
    try {
      RegistryClient admin = new RegistryClient(cairn.url());
      new Accounts(admin).project("legacy", false);
      Login olduser = new Login("olduser", "Old-Form-Passw0rd");
      Login oldbot = new Login("robot$legacy+oldbot", "Old-Robot-Secret-42");
      String schemaRegistry =
          cairn.url().replace("http://", "http://admin:" + Login.ADMIN.secret() + "@")
              + "/schema-registry";
      TestClients.appendEvents(
          cairn.clients(),
          cairn.config().topics().events(),
          schemaRegistry,
          List.of(
              event(
                  "",
                  UserCreated.newBuilder()
                      .setUserId(100)
                      .setUsername(olduser.name())
                      .setPasswordHash(OLD_CAIRN.hash(olduser.secret()))
                      .build()),
              event(
                  "legacy",
                  new RobotCreated(
                      200,
                      oldbot.name(),
                      null,
                      OLD_CAIRN.hash(oldbot.secret()),
                      List.of("repository:pull"),
                      null))));

      awaitListed(admin, "/api/v2.0/users", olduser.name());
      awaitListed(admin, "/api/v2.0/robots", oldbot.name());
      assertEquals(200, admin.as(olduser).get("/v2/").statusCode(), "the old-form user");
      assertEquals(200, admin.as(oldbot).get("/v2/").statusCode(), "the old-form robot");
      assertEquals(
          401, admin.as(new Login(olduser.name(), "Wrong-Passw0rd")).get("/v2/").statusCode());

      // Changing an old-form password checks the old plain hash and records a sealed one.
      Login changed = new Login(olduser.name(), "New-Sealed-Passw0rd");
      JsonObject body =
          new JsonObject()
              .put("old_password", olduser.secret())
              .put("new_password", changed.secret());
      expect(200, admin.as(olduser).put("/api/v2.0/users/100/password", body.encode()));
      assertEquals(200, admin.as(changed).get("/v2/").statusCode());

      cairn = cairn.rebuild();
      admin = new RegistryClient(cairn.url());
      assertEquals(200, admin.as(changed).get("/v2/").statusCode(), "after a rebuild");
      assertEquals(200, admin.as(oldbot).get("/v2/").statusCode(), "after a rebuild");
      assertEquals(401, admin.as(olduser).get("/v2/").statusCode(), "the replaced password");
    } finally {
      cairn.close();
    }
  }

  @Test
  void aSecretSealedUnderAnotherKeyIsARefusedLoginAndOneErrorLine(@TempDir Path data)
      throws Exception {
    TestCairn cairn = TestCairn.start(data);
    ListAppender<ILoggingEvent> logLines = SealedSecretsTest.captureLogs();
    try {
      Login carol = new Accounts(new RegistryClient(cairn.url())).user("carol");
      Path keyFile = cairn.config().authDir().resolve(SealingKeyFile.NAME);
      String lostId = new SealingKey(Files.readAllBytes(keyFile), keyFile).id();

      // The key file goes missing: Cairn refuses to start rather than lock everyone out.
      cairn.close();
      Files.delete(keyFile);
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> TestCairn.start(cairn.config()));
      assertTrue(refused.getMessage().contains(keyFile.toString()), refused.getMessage());
      assertTrue(refused.getMessage().contains("key " + lostId), refused.getMessage());
      assertFalse(Files.exists(keyFile), "no new key was made");

      // The operator writes a new key by hand: Cairn starts, admin's configured password is
      // sealed anew, and carol's login is refused (401, not 500) with one ERROR line.
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Files.write(keyFile, fresh);
      logLines.list.clear();
      try (TestCairn restarted = TestCairn.start(cairn.config())) {
        RegistryClient client = new RegistryClient(restarted.url());
        for (int attempt = 0; attempt < 2; attempt++) {
          HttpResponse<String> answer = client.as(carol).get("/v2/");
          assertEquals(401, answer.statusCode(), answer.body());
          assertTrue(answer.body().contains("UNAUTHORIZED"), answer.body());
        }
        List<String> errors =
            logLines.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .filter(e -> e.getFormattedMessage().contains("carol"))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(1, errors.size(), "one line for two attempts: " + errors);
        assertTrue(errors.get(0).contains("key " + lostId), errors.get(0));
        assertTrue(errors.get(0).contains(keyFile.toString()), errors.get(0));
        assertEquals(200, client.get("/v2/").statusCode(), "admin, recovered");
      }
    } finally {
      cairn.close();
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .detachAppender(logLines);
    }
  }

  private static RegistryEvent event(String project, Object payload) {
    return RegistryEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now())
        .setActor(new Actor(ActorKind.SYSTEM, "cairn"))
        .setOrigin("cairn-before-sealing")
        .setProject(project)
        .setPayload(payload)
        .build();
  }

  /** Waits until the projection has folded the appended events (asking as admin, no logins). */
  private static void awaitListed(RegistryClient admin, String path, String name) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      last = admin.get(path).body();
      if (last.contains("\"" + name + "\"")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " not in " + path + ": " + last);
  }
}
