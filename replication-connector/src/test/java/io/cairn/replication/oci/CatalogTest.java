package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cairn.replication.testing.Content;
import io.cairn.replication.testing.RegistryProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v2/_catalog} against distribution 2.8 (open, and behind Basic auth), and against a
 * small loopback server answering as registries that forbid the catalog do (403, or 404 for no such
 * API), which distribution itself cannot be configured to do.
 */
class CatalogTest {
  static final List<String> REPOSITORIES = List.of("a/one", "a/two", "b/three", "c", "d/e/f");

  @TempDir static Path dir;
  static RegistryProcess registry;
  static RegistryProcess empty;
  static RegistryProcess basic;
  static HttpServer refusing;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryProcess.start(dir.resolve("registry"));
    empty = RegistryProcess.start(dir.resolve("empty"));
    basic = RegistryProcess.withBasicAuth(dir.resolve("basic"));
    OciClient client = new OciClient(registry.anonymous(), Duration.ofSeconds(10));
    for (String repository : REPOSITORIES) {
      new Content(client, repository).image(repository, "layer of " + repository);
    }
    refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    refusing.createContext(
        "/403/v2/_catalog",
        exchange ->
            answer(exchange, 403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}"));
    refusing.createContext(
        "/404/v2/_catalog", exchange -> answer(exchange, 404, "404 page not found"));
    refusing.start();
  }

  @AfterAll
  static void stop() {
    registry.close();
    empty.close();
    basic.close();
    refusing.stop(0);
  }

  @Test
  void listsEveryRepositoryFollowingPages() throws IOException {
    OciClient client = new OciClient(registry.anonymous(), Duration.ofSeconds(10));
    assertEquals(REPOSITORIES, client.catalog().stream().sorted().toList());
    assertEquals(REPOSITORIES, client.catalog(2).stream().sorted().toList());
    assertTrue(registry.requestsMatching("GET /v2/_catalog?last=") >= 2, "pages were followed");
  }

  @Test
  void anEmptyRegistryListsNothing() throws IOException {
    assertEquals(List.of(), new OciClient(empty.anonymous(), Duration.ofSeconds(10)).catalog());
  }

  @Test
  void withTheRightPasswordBehindBasicAuth() throws IOException {
    OciClient client =
        new OciClient(
            basic.withCredentials(RegistryProcess.USER, RegistryProcess.PASSWORD),
            Duration.ofSeconds(10));
    assertEquals(List.of(), client.catalog());
  }

  @Test
  void refusedCatalogsSaySoAndArePermanent() {
    List<OciClient> refusers =
        List.of(
            new OciClient(basic.anonymous(), Duration.ofSeconds(10)),
            new OciClient(
                basic.withCredentials(RegistryProcess.USER, "not-the-Pa55word"),
                Duration.ofSeconds(10)),
            new OciClient(Endpoint.anonymous(refusingUrl("403")), Duration.ofSeconds(10)),
            new OciClient(Endpoint.anonymous(refusingUrl("404")), Duration.ofSeconds(10)));
    List<Integer> statuses = List.of(401, 401, 403, 404);
    for (int i = 0; i < refusers.size(); i++) {
      OciClient client = refusers.get(i);
      RegistryException e = assertThrows(RegistryException.class, client::catalog);
      assertEquals(statuses.get(i), e.status(), e.getMessage());
      assertTrue(e.permanent(), e.getMessage());
      assertTrue(
          e.getMessage().contains("does not let this account list its repositories"),
          e.getMessage());
      assertTrue(e.getMessage().contains("_catalog"), e.getMessage());
      assertFalse(
          e.getMessage().contains("not-the-Pa55word"), "the password stays out: " + e.getMessage());
    }
  }

  @Test
  void anUnreachableRegistryIsWorthARetry() throws IOException {
    OciClient nowhere =
        new OciClient(
            Endpoint.anonymous(URI.create("http://127.0.0.1:" + RegistryProcess.freePort())),
            Duration.ofSeconds(2));
    RegistryException e = assertThrows(RegistryException.class, nowhere::catalog);
    assertEquals(0, e.status());
    assertFalse(e.permanent());
  }

  private static URI refusingUrl(String prefix) {
    return URI.create("http://127.0.0.1:" + refusing.getAddress().getPort() + "/" + prefix);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
