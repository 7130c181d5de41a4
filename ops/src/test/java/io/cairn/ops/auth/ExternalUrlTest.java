package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.RawHttp;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an external URL configured, the token realm a 401 names is built from it, whatever {@code
 * Host} the request carries: a request with {@code Host: evil.example} must not send the client to
 * {@code http://evil.example/service/token} (it did, before there was an external URL).
 */
@ExtendWith(SharedKafka.class)
class ExternalUrlTest {
  @TempDir static Path dataDir;
  static TestCairn cairn;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir, c -> c.withExternalUrl("HTTPS://Registry.Example.com/"));
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void theRealmComesFromTheExternalUrlNotFromHost() throws Exception {
    String realm = "Bearer realm=\"https://registry.example.com/service/token\"";
    for (String host : List.of("evil.example", "evil.example:8080", cairn.host())) {
      assertEquals(
          realm + ",service=\"cairn-registry\"", challenge("GET", "/v2/", host), "Host " + host);
      assertEquals(
          realm + ",service=\"cairn-registry\",scope=\"repository:team/app:pull\"",
          challenge("GET", "/v2/team/app/manifests/v1", host));
      assertEquals(
          realm + ",service=\"cairn-registry\",scope=\"repository:team/app:pull,push\"",
          challenge("POST", "/v2/team/app/blobs/uploads/", host));
    }
  }

  /** The {@code WWW-Authenticate} of an anonymous request with {@code Host: host}, sent raw. */
  private static String challenge(String method, String path, String host) throws Exception {
    String answer = RawHttp.exchange(cairn.url(), method, path, host);
    assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
    return RawHttp.header(answer, "WWW-Authenticate");
  }
}
