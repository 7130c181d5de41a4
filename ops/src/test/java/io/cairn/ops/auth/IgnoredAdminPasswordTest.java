package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A {@code CAIRN_ADMIN_PASSWORD} that is not admin's on a later start changes nothing, and says so
 * in one WARN line that tells how to change the password, without the password; the same password
 * again says nothing.
 */
@ExtendWith(SharedKafka.class)
class IgnoredAdminPasswordTest {
  private static final String IGNORED = "CAIRN_ADMIN_PASSWORD is ignored";

  @Test
  void aDifferentPasswordOnALaterStartIsIgnoredWithOneWarning(@TempDir Path data) throws Exception {
    ListAppender<ILoggingEvent> logLines = SealedSecretsTest.captureLogs();
    Login other = new Login("admin", "Another-Passw0rd-42");
    TestCairn first = TestCairn.start(data);
    try {
      assertEquals(List.of(), ignored(logLines), "the first start creates admin with it");
      first.close();

      try (TestCairn second = TestCairn.start(first.config().withAdminPassword(other.secret()))) {
        List<ILoggingEvent> said = ignored(logLines);
        assertEquals(1, said.size(), said.toString());
        String line = said.get(0).getFormattedMessage();
        assertEquals(Level.WARN, said.get(0).getLevel());
        assertTrue(line.contains("PUT /api/v2.0/users/1/password"), line);
        for (ILoggingEvent any : logLines.list) {
          String text = any.getFormattedMessage();
          assertFalse(text.contains(other.secret()) || text.contains(Login.ADMIN.secret()), text);
        }
        RegistryClient client = new RegistryClient(second.url());
        assertEquals(200, client.get("/v2/").statusCode(), "admin's password is unchanged");
        assertEquals(401, client.as(other).get("/v2/").statusCode(), "the ignored one");
      }

      logLines.list.clear();
      try (TestCairn third = TestCairn.start(first.config())) {
        assertEquals(List.of(), ignored(logLines), "admin's own password says nothing");
        assertEquals(200, new RegistryClient(third.url()).get("/v2/").statusCode());
      }
    } finally {
      first.close();
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .detachAppender(logLines);
    }
  }

  private static List<ILoggingEvent> ignored(ListAppender<ILoggingEvent> lines) {
    return lines.list.stream().filter(e -> e.getFormattedMessage().contains(IGNORED)).toList();
  }
}
