package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The referrers API as OCI 1.1 registries answer it, paged, and as older ones fail to: distribution
 * 2.8 (tested in {@link OciClientTest}) has none, so the answers of a 1.1 registry come from a
 * loopback server. Each repository name picks one behaviour.
 */
class ReferrersTest {
  static final Digest SUBJECT = Digest.sha256(new byte[] {1});
  static final Digest A = Digest.sha256(new byte[] {2});
  static final Digest B = Digest.sha256(new byte[] {3});
  static HttpServer server;
  static OciClient client;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v2/", ReferrersTest::handle);
    server.start();
    client =
        new OciClient(
            Endpoint.anonymous(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
            Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void pagesAreFollowed() throws IOException {
    List<Descriptor> all = client.referrers("oci11/paged", SUBJECT.toString()).orElseThrow();
    assertEquals(List.of(A, B), all.stream().map(Descriptor::digest).toList());
    assertEquals("application/vnd.cncf.notary.signature", all.get(0).artifactType());
  }

  @Test
  void anEmptyIndexMeansTheApiIsThereWithNoReferrers() throws IOException {
    assertEquals(Optional.of(List.of()), client.referrers("oci11/empty", SUBJECT.toString()));
  }

  @Test
  void plain404Or405MeansNoApi() throws IOException {
    assertTrue(client.referrers("old/notfound", SUBJECT.toString()).isEmpty());
    assertTrue(client.referrers("old/notallowed", SUBJECT.toString()).isEmpty());
  }

  @Test
  void garbageIsPermanentAndA5xxIsNot() {
    RegistryException garbage =
        assertThrows(
            RegistryException.class, () -> client.referrers("bad/garbage", SUBJECT.toString()));
    assertTrue(garbage.permanent());
    RegistryException down =
        assertThrows(
            RegistryException.class, () -> client.referrers("bad/down", SUBJECT.toString()));
    assertFalse(down.permanent());
    assertEquals(503, down.status());
    assertEquals("UNAVAILABLE", down.code());
  }

  private static void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getQuery();
    if (path.startsWith("/v2/oci11/paged/")) {
      if (query == null) {
        ex.getResponseHeaders().add("Link", "<" + path + "?last=1>; rel=\"next\"");
        respond(ex, 200, index(A, "application/vnd.cncf.notary.signature"));
      } else {
        respond(ex, 200, index(B, "application/spdx+json"));
      }
    } else if (path.startsWith("/v2/oci11/empty/")) {
      respond(
          ex,
          200,
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
    } else if (path.startsWith("/v2/old/notfound/")) {
      respond(ex, 404, "404 page not found");
    } else if (path.startsWith("/v2/old/notallowed/")) {
      respond(ex, 405, "");
    } else if (path.startsWith("/v2/bad/garbage/")) {
      respond(ex, 200, "{\"hello\":");
    } else {
      respond(ex, 503, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}");
    }
  }

  private static String index(Digest entry, String artifactType) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + entry
        + "\",\"size\":10,\"artifactType\":\""
        + artifactType
        + "\"}]}";
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }
}
