package io.cairn.replication.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.oci.Digest;
import io.cairn.oci.MediaTypes;
import io.cairn.replication.oci.Endpoint;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import io.cairn.replication.policy.ResourceFilter;
import io.cairn.replication.policy.ResourceFilter.Kind;
import io.cairn.replication.policy.ResourceFilter.Rule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enumeration against a loopback registry that answers what distribution cannot be made to: a 412
 * for an artifact withheld by content trust (as Cairn and Harbor do), a tag gone between listing
 * and HEAD, a 503 that passes, a 403 on one repository's tags.
 */
class SourceInventoryTest {
  static final byte[] MANIFEST =
      ("{\"schemaVersion\":2,\"mediaType\":\""
              + MediaTypes.OCI_MANIFEST
              + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
              + "\"digest\":\"sha256:"
              + "1".repeat(64)
              + "\",\"size\":2},\"layers\":[]}")
          .getBytes(StandardCharsets.UTF_8);
  static final Digest DIGEST = Digest.sha256(MANIFEST);
  static final String SIG_TAG = "sha256-" + "a".repeat(64) + ".sig";
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10));

  static HttpServer server;
  static final List<String> requests = new CopyOnWriteArrayList<>();
  static final AtomicInteger tagListings = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v2/", SourceInventoryTest::answer);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void leavesOutWithheldGoneAndAccessoryTagsAndRepositoriesTheFilterExcludes() throws Exception {
    ResourceFilter notSkipped =
        ResourceFilter.of(
            List.of(
                new Rule(Kind.NAME, "skip/**", List.of(), true),
                new Rule(Kind.NAME, "denied/**", List.of(), true)));
    tagListings.set(0); // the first listing of a/app answers 503
    List<SourceRepository> read = inventory(notSkipped).read();

    assertEquals(List.of(new SourceRepository("a/app", Map.of("signed", DIGEST.toString()))), read);
    assertTrue(requests.contains("HEAD /v2/a/app/manifests/unsigned"), requests.toString());
    assertTrue(requests.contains("HEAD /v2/a/app/manifests/gone"), requests.toString());
    assertFalse(requests.stream().anyMatch(r -> r.contains("/manifests/sha256-")), "" + requests);
    assertFalse(requests.stream().anyMatch(r -> r.contains("/v2/skip/")), "" + requests);
    assertTrue(tagListings.get() >= 2, "the first listing's 503 was retried");
  }

  @Test
  void aRepositoryWhoseTagsAreRefusedFailsTheEnumeration() {
    RegistryException e =
        assertThrows(RegistryException.class, () -> inventory(ResourceFilter.ALL).read());
    assertEquals(403, e.status());
    assertTrue(e.getMessage().contains("denied/app"), e.getMessage());
  }

  @Test
  void aStopBetweenRepositoriesEndsTheEnumeration() {
    OciClient client = new OciClient(Endpoint.anonymous(url()), Duration.ofSeconds(5));
    SourceInventory inventory =
        new SourceInventory(client, ResourceFilter.ALL, new Retrier(FAST, () -> true), () -> true);
    assertThrows(Retrier.Stopped.class, inventory::read);
  }

  private static SourceInventory inventory(ResourceFilter filter) {
    OciClient client = new OciClient(Endpoint.anonymous(url()), Duration.ofSeconds(5));
    return new SourceInventory(client, filter, new Retrier(FAST, () -> false), () -> false);
  }

  private static URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    requests.add(method + " " + path);
    switch (path) {
      case "/v2/_catalog" ->
          send(exchange, 200, "{\"repositories\":[\"a/app\",\"skip/me\",\"denied/app\"]}");
      case "/v2/a/app/tags/list" -> {
        if (tagListings.getAndIncrement() == 0) {
          send(exchange, 503, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}]}");
        } else {
          send(
              exchange,
              200,
              "{\"name\":\"a/app\",\"tags\":[\"signed\",\"unsigned\",\"gone\",\""
                  + SIG_TAG
                  + "\",\"sha256-"
                  + "a".repeat(64)
                  + "\"]}");
        }
      }
      case "/v2/denied/app/tags/list" ->
          send(exchange, 403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no pull\"}]}");
      case "/v2/a/app/manifests/signed" -> {
        exchange.getResponseHeaders().add("Docker-Content-Digest", DIGEST.toString());
        exchange.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
        if (method.equals("HEAD")) {
          exchange.getResponseHeaders().add("Content-Length", String.valueOf(MANIFEST.length));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        } else {
          exchange.sendResponseHeaders(200, MANIFEST.length);
          exchange.getResponseBody().write(MANIFEST);
          exchange.close();
        }
      }
      case "/v2/a/app/manifests/unsigned" -> send(exchange, 412, "");
      default -> send(exchange, 404, "");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
