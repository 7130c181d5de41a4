package io.cairn.replication.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.oci.Digest;
import io.cairn.oci.MediaTypes;
import io.cairn.replication.copy.AccessoryFinder;
import io.cairn.replication.oci.Endpoint;
import io.cairn.replication.oci.OciClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subject that the source's content trust withholds from readers, against a loopback source that
 * gates as Cairn's does in a public project: it answers anonymously without a challenge, and
 * exempts only a caller whose own permissions allow a push, signed in with Basic (a token never
 * is). The subject must come back held, with the reason, whatever the account may do; never as an
 * error.
 */
class SourceArtifactsTest {
  static final String REPO = "signed/app";
  static final byte[] MANIFEST =
      ("{\"schemaVersion\":2,\"mediaType\":\""
              + MediaTypes.OCI_MANIFEST
              + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
              + "\"digest\":\"sha256:"
              + "c".repeat(64)
              + "\",\"size\":2},\"layers\":[]}")
          .getBytes(StandardCharsets.UTF_8);
  static final String DIGEST = Digest.sha256(MANIFEST).toString();
  static final String UNSIGNED = "The image is not signed by cosign.";
  static final String TAGGED_SIGNATURE = "sha256:" + "1".repeat(64);
  static final String REFERRING_SIGNATURE = "sha256:" + "2".repeat(64);
  static final String NOTATION = "sha256:" + "3".repeat(64);
  static final String SIG_TAG = "sha256-" + DIGEST.substring(7) + ".sig";

  static HttpServer source;

  @BeforeAll
  static void start() throws IOException {
    source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    source.createContext("/v2/", SourceArtifactsTest::manifests);
    source.createContext("/api/v2.0/", SourceArtifactsTest::artifact);
    source.start();
  }

  @AfterAll
  static void stop() {
    source.stop(0);
  }

  @Test
  void anAccountThatMayPushReadsTheHeldSubjectWithItsOwnCredentials() throws IOException {
    SourceArtifacts.Subject subject = subjectAs("pusher");
    assertEquals(DIGEST, subject.digest());
    assertEquals(List.of("v1"), subject.tags());
    assertTrue(subject.held().orElseThrow().contains(UNSIGNED), subject.held()::toString);
    assertEquals(1, subject.read().size(), "the manifest, read with the account's own rights");
  }

  @Test
  void anAccountThatMayNotPushFindsTheSubjectHeldWhereItIs() throws IOException {
    SourceArtifacts.Subject subject = subjectAs("reader");
    assertEquals(DIGEST, subject.digest());
    assertTrue(subject.held().orElseThrow().contains(UNSIGNED), subject.held()::toString);
    assertEquals(0, subject.read().size());
  }

  /**
   * The source's accessories API lists three; only the cosign signature its {@code .sig} tag names
   * goes under that tag. A cosign signature attached by its {@code subject} field (cosign's OCI 1.1
   * mode) and a Notation signature go by digest.
   */
  @Test
  void aCosignSignatureGoesUnderItsTagOnlyWhereTheTagNamesIt() throws IOException {
    URI url = URI.create("http://127.0.0.1:" + source.getAddress().getPort());
    Endpoint endpoint = new Endpoint(url, "pusher", "secret", false);
    Duration timeout = Duration.ofSeconds(10);
    try (OciClient oci = new OciClient(endpoint, timeout)) {
      List<AccessoryFinder.Found> found =
          new SourceArtifacts(oci, endpoint, timeout).of(REPO, Digest.parse(DIGEST));
      assertEquals(
          List.of(
              new AccessoryFinder.Found(Digest.parse(TAGGED_SIGNATURE), SIG_TAG),
              new AccessoryFinder.Found(Digest.parse(REFERRING_SIGNATURE), null),
              new AccessoryFinder.Found(Digest.parse(NOTATION), null)),
          found);
      assertEquals(
          List.of(),
          new SourceArtifacts(oci, endpoint, timeout).of(REPO, Digest.parse(TAGGED_SIGNATURE)),
          "a subject the source does not know has none (its deletion event follows)");
    }
  }

  private static SourceArtifacts.Subject subjectAs(String user) throws IOException {
    URI url = URI.create("http://127.0.0.1:" + source.getAddress().getPort());
    Endpoint endpoint = new Endpoint(url, user, "secret", false);
    Duration timeout = Duration.ofSeconds(10);
    try (OciClient oci = new OciClient(endpoint, timeout)) {
      return new SourceArtifacts(oci, endpoint, timeout).subjectOf(REPO, DIGEST).orElseThrow();
    }
  }

  /** The manifest to a caller exempt from content trust, a 412 to everyone else. */
  private static void manifests(HttpExchange exchange) throws IOException {
    String pusher =
        "Basic "
            + Base64.getEncoder().encodeToString("pusher:secret".getBytes(StandardCharsets.UTF_8));
    boolean exempt =
        pusher.equals(exchange.getRequestHeaders().getFirst("Authorization"))
            && !"enforce".equals(exchange.getRequestHeaders().getFirst("Cairn-Content-Trust"));
    if (exchange.getRequestURI().getPath().equals("/v2/" + REPO + "/manifests/" + SIG_TAG)) {
      exchange.getResponseHeaders().set("Docker-Content-Digest", TAGGED_SIGNATURE);
      exchange.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
      exchange.getResponseHeaders().set("Content-Length", "300");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    } else if (!exchange.getRequestURI().getPath().equals("/v2/" + REPO + "/manifests/" + DIGEST)) {
      reply(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
    } else if (exempt) {
      reply(exchange, 200, MediaTypes.OCI_MANIFEST, new String(MANIFEST, StandardCharsets.UTF_8));
    } else {
      reply(
          exchange,
          412,
          "application/json",
          "{\"errors\":[{\"code\":\"PROJECTPOLICYVIOLATION\",\"message\":\"" + UNSIGNED + "\"}]}");
    }
  }

  /** Harbor's artifact API: tagged v1, an image, with three accessories. */
  private static void artifact(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.endsWith("/accessories")) {
      boolean known = path.contains(DIGEST);
      reply(
          exchange,
          known ? 200 : 404,
          "application/json",
          known
              ? "["
                  + accessory(TAGGED_SIGNATURE, "signature.cosign")
                  + ","
                  + accessory(REFERRING_SIGNATURE, "signature.cosign")
                  + ","
                  + accessory(NOTATION, "signature.notation")
                  + "]"
              : "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
      return;
    }
    reply(
        exchange,
        200,
        "application/json",
        "{\"digest\":\"" + DIGEST + "\",\"type\":\"IMAGE\",\"tags\":[{\"name\":\"v1\"}]}");
  }

  private static String accessory(String digest, String type) {
    return "{\"digest\":\"" + digest + "\",\"type\":\"" + type + "\",\"size\":300}";
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
