package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.oci.Digest;
import io.cairn.replication.testing.RegistryProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in: Basic against distribution 2.8 with htpasswd; the token flow against a small token
 * server on loopback (distribution's own token auth needs a certificate-signing issuer, which is
 * beside the point here: the client's side of the flow is what is tested).
 */
class AuthTest {
  @TempDir static Path dir;
  static RegistryProcess basic;
  static HttpServer tokenRegistry;
  static final List<String> tokenQueries = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    basic = RegistryProcess.withBasicAuth(dir.resolve("basic"));
    tokenRegistry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tokenRegistry.createContext("/token", AuthTest::token);
    tokenRegistry.createContext("/v2/", AuthTest::registry);
    tokenRegistry.createContext("/cdn/", AuthTest::cdn);
    tokenRegistry.start();
  }

  @AfterAll
  static void stop() {
    basic.close();
    tokenRegistry.stop(0);
  }

  // --- Basic, against docker-registry ---

  @Test
  void basicWithTheRightPassword() throws IOException {
    OciClient client =
        new OciClient(
            basic.withCredentials(RegistryProcess.USER, RegistryProcess.PASSWORD),
            Duration.ofSeconds(5));
    assertEquals(new Ping(true, true, 200, "ok"), client.ping());
    byte[] bytes = "behind basic".getBytes(StandardCharsets.UTF_8);
    String d = Digest.sha256(bytes).toString();
    client.putBlob("auth/basic", d, bytes.length, new ByteArrayInputStream(bytes));
    assertTrue(client.hasBlob("auth/basic", d));
  }

  @Test
  void basicWithAWrongPasswordIsPermanent() {
    OciClient client =
        new OciClient(basic.withCredentials(RegistryProcess.USER, "wrong"), Duration.ofSeconds(5));
    Ping ping = client.ping();
    assertTrue(ping.reachable());
    assertFalse(ping.authenticated());
    assertEquals(401, ping.status());
    RegistryException e =
        assertThrows(RegistryException.class, () -> client.headManifest("auth/basic", "v1"));
    assertEquals(401, e.status());
    assertTrue(e.permanent(), "rejected credentials will not pass on retry");
  }

  @Test
  void anonymousAgainstAProtectedRegistryIsNotPermanent() {
    OciClient client = new OciClient(basic.anonymous(), Duration.ofSeconds(5));
    assertFalse(client.ping().authenticated());
    RegistryException e =
        assertThrows(RegistryException.class, () -> client.headManifest("auth/basic", "v1"));
    assertEquals(401, e.status());
    assertFalse(e.permanent(), "credentials may still be configured");
  }

  // --- the token flow ---

  @Test
  void bearerTokenIsFetchedWithBasicOncePerScopeAndFollowsPages() throws IOException {
    tokenQueries.clear();
    OciClient client =
        new OciClient(new Endpoint(tokenUrl(), "alice", "pw", false), Duration.ofSeconds(5));
    assertTrue(client.ping().authenticated());
    assertEquals(List.of("x", "y"), client.tags("team/app"));
    assertEquals(List.of("x", "y"), client.tags("team/app"));
    // One token for /v2/ (no scope), one for the repository; pages and the second list reuse it.
    assertEquals(2, tokenQueries.size(), tokenQueries.toString());
    assertEquals("service=test-registry", tokenQueries.get(0));
    assertEquals("service=test-registry&scope=repository:team/app:pull", tokenQueries.get(1));
  }

  @Test
  void aRefusedTokenRequestIsPermanentWithCredentialsAndPingSaysSo() {
    OciClient client =
        new OciClient(new Endpoint(tokenUrl(), "alice", "nope", false), Duration.ofSeconds(5));
    Ping ping = client.ping();
    assertTrue(ping.reachable());
    assertFalse(ping.authenticated());
    assertEquals(401, ping.status());
    RegistryException e = assertThrows(RegistryException.class, () -> client.tags("team/app"));
    assertTrue(e.permanent());
  }

  @Test
  void anonymousTokensWorkWhenTheRealmGivesThem() throws IOException {
    OciClient client = new OciClient(Endpoint.anonymous(tokenUrl()), Duration.ofSeconds(5));
    assertEquals(List.of("x", "y"), client.tags("public/app"));
  }

  @Test
  void aBlobRedirectedToAnotherHostGoesThereWithoutOurToken() throws IOException {
    OciClient client =
        new OciClient(new Endpoint(tokenUrl(), "alice", "pw", false), Duration.ofSeconds(5));
    String digest = Digest.sha256(CDN_BLOB).toString();
    assertTrue(client.hasBlob("team/app", digest));
    try (java.io.InputStream in = client.getBlob("team/app", digest)) {
      assertEquals(
          new String(CDN_BLOB, StandardCharsets.UTF_8),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static final byte[] CDN_BLOB = "served by the cdn".getBytes(StandardCharsets.UTF_8);

  /**
   * Another origin (localhost rather than 127.0.0.1), like S3 behind a presigned URL: it refuses a
   * request that carries an Authorization header besides its own signature.
   */
  private static void cdn(HttpExchange ex) throws IOException {
    if (ex.getRequestHeaders().getFirst("Authorization") != null) {
      respond(ex, 400, "<Error>Only one auth mechanism allowed</Error>");
      return;
    }
    ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : CDN_BLOB.length);
    if (!ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseBody().write(CDN_BLOB);
    }
    ex.close();
  }

  private static URI tokenUrl() {
    return URI.create("http://127.0.0.1:" + tokenRegistry.getAddress().getPort());
  }

  /** The realm: alice/pw gets a token for any scope; anonymous only for {@code public/*}. */
  private static void token(HttpExchange ex) throws IOException {
    String query = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String alice =
        "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
    boolean anonymousOk = auth == null && query.contains("repository:public/");
    if (!alice.equals(auth) && !anonymousOk) {
      respond(
          ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
      return;
    }
    tokenQueries.add(query);
    String scope = query.contains("scope=") ? query.substring(query.indexOf("scope=") + 6) : "";
    // access_token, the OAuth2 spelling, for the anonymous case; token otherwise.
    String field = auth == null ? "access_token" : "token";
    respond(ex, 200, "{\"" + field + "\":\"tok:" + scope + "\",\"expires_in\":300}");
  }

  /** A registry that wants {@code Bearer tok:<scope>} and pages its tags list. */
  private static void registry(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    int cut = Math.max(path.indexOf("/tags/"), path.indexOf("/blobs/"));
    String scope = path.equals("/v2/") ? "" : "repository:" + path.substring(4, cut) + ":pull";
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer tok:" + scope).equals(auth)) {
      String realm = "Bearer realm=\"" + tokenUrl() + "/token\",service=\"test-registry\"";
      ex.getResponseHeaders()
          .add("WWW-Authenticate", realm + (scope.isEmpty() ? "" : ",scope=\"" + scope + "\""));
      respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token needed\"}]}");
      return;
    }
    if (path.equals("/v2/")) {
      respond(ex, 200, "{}");
    } else if (path.contains("/blobs/")) {
      int port = tokenRegistry.getAddress().getPort();
      ex.getResponseHeaders().add("Location", "http://localhost:" + port + "/cdn/blob?sig=abc");
      ex.sendResponseHeaders(307, -1);
      ex.close();
    } else if (ex.getRequestURI().getQuery().contains("last=x")) {
      respond(ex, 200, "{\"tags\":[\"y\"]}");
    } else {
      ex.getResponseHeaders().add("Link", "<" + path + "?last=x&n=1>; rel=\"next\"");
      respond(ex, 200, "{\"tags\":[\"x\"]}");
    }
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }
}
