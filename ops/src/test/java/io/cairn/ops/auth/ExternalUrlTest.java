package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
    URI base = URI.create(cairn.url());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = readAll(socket.getInputStream());
      assertTrue(response.startsWith("HTTP/1.1 401"), response);
      return response
          .lines()
          .filter(line -> line.regionMatches(true, 0, "WWW-Authenticate:", 0, 17))
          .map(line -> line.substring(17).strip())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no challenge in " + response));
    }
  }

  private static String readAll(InputStream in) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
