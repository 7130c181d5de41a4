package io.cairn.ops.consistency;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.kafka.EmbeddedKafka;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.TestPrincipals;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka unreachable during a push: the client gets 503 within the write timeout, nothing of the
 * push is visible, and the same push succeeds once the broker is back. Uses a broker of its own,
 * since stopping the shared one would break every other test.
 */
class KafkaOutageTest {
  private static final String MEDIA = "application/vnd.oci.image.manifest.v1+json";
  private static final String REPO = "library/outage";

  @Test
  void pushDuringAnOutageIs503AndSucceedsAfterIt(@TempDir Path kafkaDir, @TempDir Path data)
      throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, "127.0.0.1", 0);
    String bootstrap = kafka.bootstrapServers();
    int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    CairnConfig defaults = CairnConfig.defaults(data);
    TestPrincipals.Issued principals =
        TestPrincipals.issue(kafka, defaults.topics(), defaults.applicationId(), data);
    CairnConfig config =
        defaults
            .withListen("127.0.0.1", 0)
            .withBootstrapServers(bootstrap)
            .withKafkaClientConfig(principals.cairnFile())
            .withWriteTimeout(Duration.ofSeconds(3))
            .withAdminPassword(Login.ADMIN.secret());
    try (Cairn cairn = Cairn.start(config)) {
      RegistryClient client = new RegistryClient(cairn.url());
      byte[] config1 = "{\"before\":true}".getBytes(StandardCharsets.UTF_8);
      Digest before = client.pushBlob(REPO, config1);
      expect(
          201,
          client.putManifest(
              REPO,
              "before",
              MEDIA,
              RegistryClient.imageManifest(before, config1.length, null, 0)));

      kafka.close();
      byte[] config2 = "{\"during\":true}".getBytes(StandardCharsets.UTF_8);
      long started = System.nanoTime();
      HttpResponse<String> blob =
          client.post(
              "/v2/" + REPO + "/blobs/uploads/?digest=" + Digest.sha256(config2),
              new String(config2, StandardCharsets.UTF_8));
      double seconds = (System.nanoTime() - started) / 1e9;
      assertEquals(503, blob.statusCode(), blob.body());
      assertTrue(blob.body().contains("UNAVAILABLE"), blob.body());
      assertTrue(seconds < 10, "answered within the bound, took " + seconds + " s");
      assertEquals(
          404,
          client.get("/v2/" + REPO + "/blobs/" + Digest.sha256(config2)).statusCode(),
          "nothing half-visible");
      assertEquals(
          200,
          client.getManifest(REPO, "before").statusCode(),
          "reads keep working from the projection");

      kafka = EmbeddedKafka.start(kafkaDir, "127.0.0.1", port);
      Digest during = retryPushBlob(client, config2);
      byte[] manifest = RegistryClient.imageManifest(during, config2.length, null, 0);
      expect(201, client.putManifest(REPO, "after", MEDIA, manifest));
      HttpResponse<byte[]> pulled = client.getManifest(REPO, "after");
      assertEquals(200, pulled.statusCode());
    } finally {
      kafka.close();
    }
  }

  /** The first pushes after the outage may still meet a producer reconnecting: retry on 503. */
  private static Digest retryPushBlob(RegistryClient client, byte[] bytes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> r =
          client.post(
              "/v2/" + REPO + "/blobs/uploads/?digest=" + Digest.sha256(bytes),
              new String(bytes, StandardCharsets.UTF_8));
      if (r.statusCode() == 201) {
        return Digest.sha256(bytes);
      }
      assertEquals(503, r.statusCode(), r.body());
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "push still failing a minute after the broker came back: " + r.body());
      }
      Thread.sleep(500);
    }
  }
}
