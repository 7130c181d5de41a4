package io.cairn.ops.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.ops.bench.PeerRegistry;
import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push-based, event-driven replication through the real connector on a real Connect worker (Kafka's
 * standalone runtime, in this JVM), consuming a real Cairn's event log with an auditor's read-only
 * principal, to a real CNCF distribution: a signed image arrives with its signature, a signature
 * added later follows on its own event, a re-sign replaces the target's signature, the tag filter
 * selects subjects (never splitting a signature from its subject), and a deletion takes the
 * subject's signatures with it.
 */
@ExtendWith(SharedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorReplicationTest {
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final String SIG_KEY_A =
      "sha256:2d720c7d3ca559f284287fd494e241bbda9723615e2e6cc931d26a3829eb3ac1";
  static final String SIG_KEY_A_B =
      "sha256:b8cbe7a4d2357db6f56e1196c37b0e5f0ffc1ecdcdda6763f25153f5390dd7fc";
  static final String REPO = "library/app";
  static final Duration ARRIVAL = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static TestCairn source;
  static RegistryClient client;
  static PeerRegistry target;
  static EmbeddedConnect connect;
  static final FixtureLayout cosign = FixtureLayout.cosign();
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PeerRegistry.installed(), "docker-registry is not installed: skipped");
    source = TestCairn.start(dir.resolve("source"));
    client = new RegistryClient(source.url());
    target = PeerRegistry.start(java.nio.file.Files.createDirectories(dir.resolve("target")));
    connect = EmbeddedConnect.start(source.audit(), dir.resolve("connect.offsets"));
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.cairn.replication.connect.ReplicationSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", source.config().topics().events());
    // an auditor may read the log in groups of its own, and nothing else
    config.put("consumer.override.group.id", "audit-replication-test");
    config.put("cairn.url", source.url());
    config.put("cairn.username", "admin");
    config.put("cairn.password", Login.ADMIN.secret());
    config.put("target.url", "http://127.0.0.1:" + target.port());
    config.put("target.type", "docker-registry");
    config.put("filters", "[{\"type\":\"tag\",\"value\":\"dev*\",\"decoration\":\"excludes\"}]");
    config.put("replicate.deletion", "true");
    connect.put("replicate-to-distribution", config);
  }

  @AfterAll
  static void stop() throws Exception {
    if (connect != null) {
      connect.close();
    }
    if (target != null) {
      target.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  @Order(1)
  void aSignedImageArrivesAndASignatureAddedLaterFollowsOnItsOwnEvent() throws Exception {
    expect201(cosign.push(client, "app:v1", REPO, "v1"));
    awaitAtTarget(REPO, "v1", APP);

    expect201(cosign.push(client, "app:" + APP_SIG, REPO, APP_SIG));
    awaitAtTarget(REPO, APP_SIG, SIG_KEY_A);
    awaitAtTarget(REPO, SIG_KEY_A, SIG_KEY_A);
    assertRunning();
  }

  @Test
  @Order(2)
  void aReSignReplacesTheSignatureAtTheTarget() throws Exception {
    expect201(cosign.push(client, "variant/app-sig-keyA-keyB", REPO, APP_SIG));
    awaitAtTarget(REPO, APP_SIG, SIG_KEY_A_B);
    awaitGone(REPO, SIG_KEY_A);
  }

  @Test
  @Order(3)
  void theTagFilterSelectsSubjectsAndKeepsTheirSignaturesWithThem() throws Exception {
    String repo = "library/filtered";
    expect201(cosign.push(client, "app:v1", repo, "dev-1"));
    expect201(cosign.push(client, "app:" + APP_SIG, repo, APP_SIG));
    expect201(cosign.push(client, "other:v1", repo, "v2"));
    // v2 comes after dev-1 and the signature in the same repository's partition: once it is
    // there, the excluded subject and its signature have been passed over
    awaitAtTarget(repo, "v2", cosign.digestOf("other:v1"));
    assertEquals(404, targetStatus(repo, "dev-1"));
    assertEquals(404, targetStatus(repo, APP));
    assertEquals(404, targetStatus(repo, SIG_KEY_A), "a signature never goes without its subject");
  }

  @Test
  @Order(4)
  void deletingTheSubjectDeletesItAndItsSignatureAtTheTarget() throws Exception {
    assertEquals(202, client.delete("/v2/" + REPO + "/manifests/" + APP).statusCode());
    awaitGone(REPO, APP);
    awaitGone(REPO, SIG_KEY_A_B);
    assertRunning();
  }

  private static void assertRunning() {
    ConnectorStateInfo status = connect.status("replicate-to-distribution");
    assertEquals("RUNNING", status.connector().state(), status.connector().trace());
    status.tasks().forEach(t -> assertEquals("RUNNING", t.state(), t.trace()));
  }

  private static void awaitAtTarget(String repo, String reference, String digest) throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    String seen = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<Void> r = targetHead(repo, reference);
      seen = r.statusCode() + " " + r.headers().firstValue("Docker-Content-Digest").orElse("");
      if (r.statusCode() == 200 && seen.endsWith(digest)) {
        return;
      }
      Thread.sleep(100);
    }
    assertRunning();
    throw new AssertionError(repo + ":" + reference + " never became " + digest + "; last " + seen);
  }

  private static void awaitGone(String repo, String digest) throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    while (System.nanoTime() < deadline) {
      if (targetStatus(repo, digest) == 404) {
        return;
      }
      Thread.sleep(100);
    }
    assertRunning();
    throw new AssertionError(repo + "@" + digest + " is still at the target");
  }

  private static int targetStatus(String repo, String reference) throws Exception {
    return targetHead(repo, reference).statusCode();
  }

  private static HttpResponse<Void> targetHead(String repo, String reference) throws Exception {
    HttpRequest head =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + target.port()
                        + "/v2/"
                        + repo
                        + "/manifests/"
                        + reference))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header(
                "Accept",
                "application/vnd.oci.image.manifest.v1+json,"
                    + "application/vnd.oci.image.index.v1+json")
            .build();
    return http.send(head, HttpResponse.BodyHandlers.discarding());
  }

  private static void expect201(HttpResponse<String> response) {
    assertTrue(response.statusCode() == 201, response::body);
  }
}
