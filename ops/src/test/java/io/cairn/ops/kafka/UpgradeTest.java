package io.cairn.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.testing.BrokerFiles;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.OutsideClients;
import io.cairn.ops.testing.RegistryClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory made by the Cairn before the broker was secured (commit ad72e06: {@code cairn
 * serve} with {@code CAIRN_ADMIN_PASSWORD=Old-Cairn-Passw0rd}, one image pushed as {@code
 * library/old:v1}, the user {@code olduser} created, stopped with SIGTERM; archived without {@code
 * state/}). Its broker was formatted without any credential and its directory was 0755. The next
 * start must secure it by itself and keep its history.
 */
class UpgradeTest {
  private static final Login OLD_ADMIN = new Login("admin", "Old-Cairn-Passw0rd");
  private static final String OLD_MANIFEST =
      "sha256:09ade42fe3e69018a3360bb092265af902f9e7d6013146cf152c82ac3a944707";

  @Test
  void aDirectoryFromBeforeSaslIsSecuredOnItsNextStartAndKeepsItsHistory(@TempDir Path tmp)
      throws Exception {
    Path data = unpack(tmp);
    Path kafka = data.resolve("kafka");
    assertFalse(Files.exists(kafka.resolve("credentials.properties")), "an old directory");
    assertEquals("rwxr-xr-x", BrokerFiles.mode(kafka));

    String credentials;
    try (Cairn cairn = Cairn.start(config(data))) {
      assertOldHistoryServed(cairn);
      BrokerFiles.assertOwnerOnly(kafka);
      credentials = Files.readString(kafka.resolve("credentials.properties"));
      Map<String, Object> audit =
          OutsideClients.load(kafka.resolve(EmbeddedKafka.AUDIT_CLIENT_FILE));
      assertTrue(
          OutsideClients.readToEnd(audit, "cairn.events").size() >= 5,
          "the old events, read with the new audit credential");
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  OutsideClients.produce(
                      OutsideClients.anonymous(cairn.bootstrapServers()),
                      "cairn.events",
                      "x".getBytes()));
      assertInstanceOf(TimeoutException.class, e.getCause(), e.toString());
    }
    try (Cairn again = Cairn.start(config(data))) {
      assertOldHistoryServed(again);
      assertEquals(credentials, Files.readString(kafka.resolve("credentials.properties")));
    }
  }

  private static void assertOldHistoryServed(Cairn cairn) throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url(), OLD_ADMIN);
    HttpResponse<byte[]> manifest = admin.getManifest("library/old", "v1");
    assertEquals(200, manifest.statusCode());
    assertEquals(OLD_MANIFEST, manifest.headers().firstValue("Docker-Content-Digest").orElse(""));
    HttpResponse<String> user =
        admin.as(new Login("olduser", "Old-User-Passw0rd")).get("/api/v2.0/users/current");
    assertEquals(200, user.statusCode(), user.body());
  }

  private static CairnConfig config(Path data) {
    return CairnConfig.defaults(data).withListen("127.0.0.1", 0).withKafkaListen("127.0.0.1", 0);
  }

  private static Path unpack(Path tmp) throws Exception {
    Path archive = Path.of("src/test/resources/fixtures/upgrade/cairn-before-sasl.tar.gz");
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", tmp.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes());
    assertEquals(0, tar.waitFor(), output);
    return tmp.resolve("data");
  }
}
