package io.cairn.ops.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.bench.PeerRegistry;
import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.kafka.CairnTopics;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
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
  static TargetManifests targetManifests;
  static Map<String, String> policy;
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PeerRegistry.installed(), "docker-registry is not installed: skipped");
    source = TestCairn.start(dir.resolve("source"));
    client = new RegistryClient(source.url());
    target = PeerRegistry.start(dir.resolve("target"));
    targetManifests = new TargetManifests(target.url());
    connect = EmbeddedConnect.start(source.audit(), dir.resolve("connect.offsets"));
    // an auditor may read the log in groups of its own, and nothing else
    policy = ConnectorSettings.from(source, "audit-replication-test");
    Map<String, String> config = policy;
    config.put("target.url", target.url());
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

  @Test
  @Order(5)
  void theAppliedPositionNeedsCredentialsAndWholeNumbersAndWaitsBoundedly() throws Exception {
    String path = "/api/v2.0/cairn/applied";
    // the partition library/app's events went to: its first offset has been applied long since
    int partition =
        Utils.toPositive(Utils.murmur2(REPO.getBytes(StandardCharsets.UTF_8)))
            % CairnTopics.DEFAULT_EVENT_PARTITIONS;
    HttpResponse<String> applied = client.get(path + "?partition=" + partition + "&offset=0");
    assertEquals(200, applied.statusCode(), applied::body);
    assertEquals(401, client.as(null).get(path + "?partition=0&offset=0").statusCode());
    assertEquals(400, client.get(path + "?offset=0").statusCode(), "partition is required");
    assertEquals(400, client.get(path + "?partition=0&offset=-1").statusCode());
    assertEquals(400, client.get(path + "?partition=x&offset=0").statusCode());
    assertEquals(400, client.get(path + "?partition=0&offset=0&wait_ms=60000").statusCode());
    HttpResponse<String> ahead = client.get(path + "?partition=0&offset=999999999&wait_ms=200");
    assertEquals(503, ahead.statusCode(), ahead::body);
    assertTrue(ahead.body().contains("has not reached offset 999999999"), ahead::body);
  }

  @Test
  @Order(6)
  void aConnectorWithBadSettingsIsRefusedBeforeItRuns() {
    Map<String, String> bad = new HashMap<>();
    bad.put("connector.class", "io.cairn.replication.connect.ReplicationSinkConnector");
    bad.put("topics", source.config().topics().events());
    bad.put("cairn.url", source.url());
    bad.put("target.url", "ftp://example");
    bad.put("filters", "[{\"type\":\"colour\",\"value\":\"red\"}]");
    Exception refused = assertThrows(Exception.class, () -> connect.put("bad", bad));
    String why = String.valueOf(refused.getMessage());
    assertTrue(why.contains("target.url") && why.contains("http(s) URL"), why);
    assertTrue(why.contains("filter type must be name, tag, label or resource"), why);
  }

  @Test
  @Order(7)
  void aSignatureOfAnUntaggedIndexChildFollowsItsIndexPastATagFilter() throws Exception {
    // a second policy on the same worker: only v* tags, into another namespace
    Map<String, String> vOnly = new HashMap<>(policy);
    vOnly.put("filters", "[{\"type\":\"tag\",\"value\":\"v*\"}]");
    vOnly.put("dest.namespace", "vonly");
    vOnly.put("dest.namespace.replace.count", "0");
    vOnly.put("consumer.override.group.id", "audit-replication-v-only");
    connect.put("replicate-v-only", vOnly);
    String repo = "library/multi";
    String amd = pushUntaggedImage(repo, "amd64");
    String arm = pushUntaggedImage(repo, "arm64");
    String index = pushIndex(repo, "v1", amd, arm);
    targetManifests.awaitDigest("vonly/" + repo, "v1", index, ARRIVAL, () -> "");
    assertEquals(200, targetStatus("vonly/" + repo, amd), "children travel with their index");

    // signed after the index went: the child has no tag of its own for the filter to see
    String signature = pushReferrer(repo, amd);
    targetManifests.awaitDigest("vonly/" + repo, signature, signature, ARRIVAL, () -> "");
  }

  /** A small image pushed by digest only: an index child. */
  private static String pushUntaggedImage(String repo, String platform) throws Exception {
    byte[] config =
        ("{\"architecture\":\"" + platform + "\",\"os\":\"linux\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + platform).getBytes(StandardCharsets.UTF_8);
    byte[] manifest =
        manifest(
            "application/vnd.oci.image.config.v1+json",
            client.pushBlob(repo, config).toString(),
            config.length,
            client.pushBlob(repo, layer).toString(),
            layer.length,
            null);
    String digest = Digest.sha256(manifest).toString();
    expect201(client.putManifest(repo, digest, OCI_MANIFEST, manifest));
    return digest;
  }

  private static String pushIndex(String repo, String tag, String... children) throws Exception {
    StringBuilder json =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[");
    for (int i = 0; i < children.length; i++) {
      byte[] child = client.getManifest(repo, children[i]).body();
      json.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"")
          .append(OCI_MANIFEST)
          .append("\",\"digest\":\"")
          .append(children[i])
          .append("\",\"size\":")
          .append(child.length)
          .append("}");
    }
    byte[] index = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    expect201(client.putManifest(repo, tag, "application/vnd.oci.image.index.v1+json", index));
    return Digest.sha256(index).toString();
  }

  /** An OCI 1.1 referrer of {@code subject} (a signature-like artifact), pushed by digest. */
  private static String pushReferrer(String repo, String subject) throws Exception {
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] payload = "signed".getBytes(StandardCharsets.UTF_8);
    String subjectJson =
        "{\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"digest\":\""
            + subject
            + "\",\"size\":"
            + client.getManifest(repo, subject).body().length
            + "}";
    byte[] manifest =
        manifest(
            "application/vnd.oci.empty.v1+json",
            client.pushBlob(repo, empty).toString(),
            empty.length,
            client.pushBlob(repo, payload).toString(),
            payload.length,
            subjectJson);
    String digest = Digest.sha256(manifest).toString();
    expect201(client.putManifest(repo, digest, OCI_MANIFEST, manifest));
    return digest;
  }

  private static byte[] manifest(
      String configType,
      String config,
      long configSize,
      String layer,
      long layerSize,
      String subject) {
    String artifactType =
        subject == null ? "" : "\"artifactType\":\"application/vnd.example.signature\",";
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\","
            + artifactType
            + "\"config\":{\"mediaType\":\""
            + configType
            + "\",\"digest\":\""
            + config
            + "\",\"size\":"
            + configSize
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
            + "\"digest\":\""
            + layer
            + "\",\"size\":"
            + layerSize
            + "}]"
            + (subject == null ? "" : ",\"subject\":" + subject)
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String state() {
    ConnectorStateInfo status = connect.status("replicate-to-distribution");
    StringBuilder out = new StringBuilder("; connector " + status.connector().state());
    status
        .tasks()
        .forEach(t -> out.append(", task ").append(t.state()).append(' ').append(t.trace()));
    return out.toString();
  }

  private static void assertRunning() {
    ConnectorStateInfo status = connect.status("replicate-to-distribution");
    assertEquals("RUNNING", status.connector().state(), status.connector().trace());
    status.tasks().forEach(t -> assertEquals("RUNNING", t.state(), t.trace()));
  }

  private static void awaitAtTarget(String repo, String reference, String digest) throws Exception {
    targetManifests.awaitDigest(repo, reference, digest, ARRIVAL, ConnectorReplicationTest::state);
  }

  private static void awaitGone(String repo, String digest) throws Exception {
    targetManifests.awaitGone(repo, digest, ARRIVAL, ConnectorReplicationTest::state);
  }

  private static int targetStatus(String repo, String reference) throws Exception {
    return targetManifests.status(repo, reference);
  }

  private static void expect201(HttpResponse<String> response) {
    assertTrue(response.statusCode() == 201, response::body);
  }
}
