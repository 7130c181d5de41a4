package io.cairn.ops.auth;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.api.sealing.SealingKeyFile;
import io.cairn.events.AccessDecision;
import io.cairn.events.RegistryEvent;
import io.cairn.events.RobotCreated;
import io.cairn.events.RobotSecretRefreshed;
import io.cairn.events.UserCreated;
import io.cairn.events.UserPasswordChanged;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.TestClients;
import io.cairn.ops.testing.Unreadable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, 2(b): whoever reads the event log (an audit consumer) finds no password, no robot secret
 * and no password or secret hash in it, nor on any other topic of the instance (access log,
 * changelogs), nor in the projection's files or the log lines; and every account still signs in,
 * after a restart and after a rebuild from the log.
 */
@ExtendWith(SharedKafka.class)
class SealedSecretsTest {
  @Test
  void noSecretOrHashIsReadableAndEveryAccountStillSignsIn(@TempDir Path data) throws Exception {
    ListAppender<ILoggingEvent> logLines = captureLogs();
    TestCairn cairn = TestCairn.start(data);
    try {
      RegistryClient admin = new RegistryClient(cairn.url());
      Accounts accounts = new Accounts(admin);
      Login alice = accounts.user("alice");
      Login bobBefore = accounts.user("bob");
      Login bob = new Login("bob", "Pw-bob-changed-5678");
      JsonObject change =
          new JsonObject()
              .put("old_password", bobBefore.secret())
              .put("new_password", bob.secret());
      expect(
          200,
          admin
              .as(bobBefore)
              .put("/api/v2.0/users/" + userId(admin, "bob") + "/password", change.encode()));
      accounts.project("sealed", false);
      Login ci = accounts.robot("sealed", "ci", List.of("repository:pull"));
      Login cdBefore = accounts.robot("sealed", "cd", List.of("repository:push"));
      Login cd = new Login(cdBefore.name(), refreshSecret(admin, cdBefore.name()));
      List<Login> current = List.of(Login.ADMIN, alice, bob, ci, cd);

      // A failed login with a password, and one with a token, that must not be recorded either.
      String guessed = "Guessed-Passw0rd-4711";
      String forged = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9.Zm9yZ2VkLXRva2Vu";
      assertEquals(401, admin.as(new Login("alice", guessed)).get("/v2/").statusCode());
      assertEquals(
          401, admin.send("GET", "/v2/", "Authorization", "Bearer " + forged).statusCode());
      awaitFailedLogin(cairn, "alice");

      Unreadable unreadable = new Unreadable().add(guessed, forged);
      for (Login login : List.of(Login.ADMIN, alice, bobBefore, bob, ci, cdBefore, cd)) {
        unreadable.add(login.secret());
      }
      assertSealed(cairn, unreadable);
      String marker = cairn.config().applicationId().substring("cairn-test".length());
      int records = unreadable.assertAbsentFromTopics(SharedKafka.superUser(), marker);
      assertTrue(records > 20, "events, access records and changelogs were read: " + records);

      assertSignIn(cairn, current, List.of(bobBefore, cdBefore), "first start");
      cairn = cairn.restart();
      assertSignIn(cairn, current, List.of(bobBefore, cdBefore), "after a restart");
      cairn = cairn.rebuild();
      assertSignIn(cairn, current, List.of(bobBefore, cdBefore), "after a rebuild");

      Path auth = cairn.config().authDir();
      Path key = auth.resolve(SealingKeyFile.NAME);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)));
      cairn.close();
      unreadable.assertAbsentFromFiles(cairn.config().stateDir());
      for (ILoggingEvent line : logLines.list) {
        unreadable.assertAbsent("a log line", render(line));
      }
    } finally {
      cairn.close();
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .detachAppender(logLines);
    }
  }

  /**
   * Each secret field of each identity event holds the sealed form, decoded as a consumer would.
   */
  private static void assertSealed(TestCairn cairn, Unreadable unreadable) {
    List<String> stored = new ArrayList<>();
    for (RegistryEvent event :
        TestClients.registryEvents(cairn.audit(), cairn.config().topics().events(), cairn.url())) {
      unreadable.assertAbsent("event " + event.getEventId(), event.toString());
      Object p = event.getPayload();
      if (p instanceof UserCreated e) {
        stored.add(e.getPasswordHash());
      } else if (p instanceof UserPasswordChanged e) {
        stored.add(e.getPasswordHash());
      } else if (p instanceof RobotCreated e) {
        stored.add(e.getSecretHash());
      } else if (p instanceof RobotSecretRefreshed e) {
        stored.add(e.getSecretHash());
      }
    }
    assertEquals(
        8,
        stored.size(),
        "4 users (admin, cairn-replicator, alice, bob), 1 password change, 2 robots, 1 refresh: "
            + stored);
    stored.forEach(s -> assertTrue(s.startsWith("sealed-v1$"), s));
  }

  private static void assertSignIn(
      TestCairn cairn, List<Login> current, List<Login> replaced, String when) throws Exception {
    RegistryClient client = new RegistryClient(cairn.url(), null);
    for (Login login : current) {
      assertEquals(200, client.as(login).get("/v2/").statusCode(), login.name() + " " + when);
    }
    for (Login login : replaced) {
      assertEquals(
          401, client.as(login).get("/v2/").statusCode(), login.name() + "'s old secret " + when);
    }
  }

  private static int userId(RegistryClient admin, String name) throws Exception {
    JsonArray users = new JsonArray(admin.get("/api/v2.0/users").body());
    for (Object u : users) {
      if (((JsonObject) u).getString("username").equals(name)) {
        return ((JsonObject) u).getInteger("user_id");
      }
    }
    throw new AssertionError("no user " + name + " in " + users);
  }

  /** Harbor's RefreshSec with a generated secret; returns the new secret. */
  private static String refreshSecret(RegistryClient admin, String robot) throws Exception {
    JsonArray robots = new JsonArray(admin.get("/api/v2.0/robots").body());
    for (Object r : robots) {
      if (((JsonObject) r).getString("name").equals(robot)) {
        var answer = admin.send("PATCH", "/api/v2.0/robots/" + ((JsonObject) r).getInteger("id"));
        expect(200, answer);
        return new JsonObject(answer.body()).getString("secret");
      }
    }
    throw new AssertionError("no robot " + robot + " in " + robots);
  }

  private static void awaitFailedLogin(TestCairn cairn, String account) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean recorded =
          TestClients.accessEvents(cairn.audit(), cairn.config().topics().access(), cairn.url())
              .stream()
              .anyMatch(
                  e ->
                      e.getDecision() == AccessDecision.LOGIN_FAILED
                          && e.getActor().getName().equals(account));
      if (recorded) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the failed login of " + account + " was not recorded");
  }

  static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    return appender;
  }

  static String render(ILoggingEvent line) {
    return line.getLevel()
        + " "
        + line.getLoggerName()
        + " "
        + line.getFormattedMessage()
        + (line.getThrowableProxy() == null
            ? ""
            : " " + ThrowableProxyUtil.asString(line.getThrowableProxy()));
  }
}
