package io.cairn.ops.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.api.RequestLog;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --access-log} over real HTTP: a line per request with client, user, method, path
 * (without its query), status, bytes sent and time; the caller's name once it authenticated, never
 * a credential; and no line at all when the option is off.
 */
@ExtendWith(SharedKafka.class)
class AccessLogOverHttpTest {
  private static final Pattern LINE =
      Pattern.compile("127\\.0\\.0\\.1 (\\S+) \"(\\S+) (\\S+)\" (\\d{3}) (\\d+) (\\d+)ms");

  @Test
  void oneLinePerRequestWhenOnAndNoneWhenOff(@TempDir Path on, @TempDir Path off) throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try {
      HttpResponse<String> catalog;
      try (TestCairn cairn = TestCairn.start(on, config -> config.withAccessLog(true))) {
        RegistryClient admin = new RegistryClient(cairn.url());
        catalog = admin.get("/v2/_catalog");
        assertEquals(200, catalog.statusCode(), catalog.body());
        assertEquals(401, new RegistryClient(cairn.url(), null).get("/v2/").statusCode());
        Login wrong = new Login("admin", "Wrong-Passw0rd-1");
        assertEquals(401, admin.as(wrong).get("/v2/").statusCode());
        String token =
            "/service/token?account=admin&service=cairn-registry&scope=repository:library/app:pull";
        assertEquals(200, admin.get(token).statusCode());
        awaitLines(lines, 4);
      }
      List<String> said = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertEquals(4, said.size(), said.toString());
      // Sorted: each line is written as its response ends, so their order is not promised.
      assertEquals(
          List.of(
              "- GET /v2/ 401",
              "- GET /v2/ 401",
              "admin GET /service/token 200",
              "admin GET /v2/_catalog 200"),
          said.stream().map(AccessLogOverHttpTest::fields).sorted().toList(),
          said.toString());
      String catalogLine =
          said.stream().filter(l -> l.contains("/v2/_catalog")).findFirst().orElseThrow();
      assertEquals(
          catalog.body().getBytes(StandardCharsets.UTF_8).length,
          Long.parseLong(match(catalogLine).group(5)),
          "bytes sent: " + catalogLine);
      for (String line : said) {
        assertFalse(line.contains("Passw0rd") || line.contains("account="), line);
      }

      lines.list.clear();
      try (TestCairn quiet = TestCairn.start(off)) {
        assertEquals(200, new RegistryClient(quiet.url()).get("/v2/_catalog").statusCode());
        Thread.sleep(500); // a line would be written as the response ends
      }
      assertEquals(List.of(), lines.list, "off by default");
    } finally {
      access.detachAppender(lines);
    }
  }

  /** User, method, path and status of a line. */
  private static String fields(String line) {
    Matcher m = match(line);
    return m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4);
  }

  private static Matcher match(String line) {
    Matcher m = LINE.matcher(line);
    assertTrue(m.matches(), "not an access-log line: " + line);
    return m;
  }

  private static void awaitLines(ListAppender<ILoggingEvent> lines, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (lines.list.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
