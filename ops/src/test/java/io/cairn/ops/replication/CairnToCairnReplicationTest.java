package io.cairn.ops.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cairn to Cairn: the target is another real Cairn (its own topics, data and port), signed in with
 * its token flow. The target rebuilds the subject→signature link itself, so its Harbor accessories
 * API and its referrers API say what the source's say: for a cosign signature, and for a Notation
 * signature made by notation itself (the Notary Project's fixtures, when present).
 */
@ExtendWith(SharedKafka.class)
class CairnToCairnReplicationTest {
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final Path NOTATION = Path.of("../../shared/fixtures/notation/layout");
  static final Duration ARRIVAL = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static TestCairn source;
  static TestCairn target;
  static RegistryClient sourceClient;
  static RegistryClient targetClient;
  static EmbeddedConnect connect;

  @BeforeAll
  static void start() throws Exception {
    source = TestCairn.start(dir.resolve("source"));
    target = TestCairn.start(dir.resolve("target"));
    sourceClient = new RegistryClient(source.url());
    targetClient = new RegistryClient(target.url());
    connect = EmbeddedConnect.start(source.audit(), dir.resolve("connect.offsets"));
    Map<String, String> config = ConnectorSettings.from(source, "audit-replication-cairn");
    config.put("target.url", target.url());
    config.put("target.type", "cairn");
    config.put("target.username", "admin");
    config.put("target.password", Login.ADMIN.secret());
    connect.put("replicate-to-cairn", config);
  }

  @AfterAll
  static void stop() throws Exception {
    if (connect != null) {
      connect.close();
    }
    for (TestCairn cairn : new TestCairn[] {target, source}) {
      if (cairn != null) {
        cairn.close();
      }
    }
  }

  @Test
  void theTargetLinksACosignSignatureToItsSubjectAsTheSourceDoes() throws Exception {
    FixtureLayout cosign = FixtureLayout.cosign();
    RegistryClient.expect(201, cosign.push(sourceClient, "app:v1", "library/app", "v1"));
    RegistryClient.expect(201, cosign.push(sourceClient, "app:" + APP_SIG, "library/app", APP_SIG));

    List<String> expected = accessories(sourceClient, "library/app", APP);
    assertEquals(1, expected.size(), expected::toString);
    awaitAccessories("library/app", APP, expected);
  }

  @Test
  void theTargetLinksANotationSignatureAndListsItAsAReferrer() throws Exception {
    assumeTrue(
        Files.isDirectory(NOTATION),
        "skipped: " + NOTATION.toAbsolutePath().normalize() + " is absent (a plain clone)");
    FixtureLayout notation = FixtureLayout.at(NOTATION);
    String repo = "library/e2e";
    String subject = notation.digestOf("e2e:v1");
    String signature = notation.digestOf("variant/e2e-sig-oci-1.1-form");
    RegistryClient.expect(201, notation.push(sourceClient, "e2e:v1", repo, "v1"));
    RegistryClient.expect(
        201, notation.push(sourceClient, "variant/e2e-sig-oci-1.1-form", repo, signature));

    List<String> expected = accessories(sourceClient, repo, subject);
    assertEquals(List.of(signature + " signature.notation"), expected);
    awaitAccessories(repo, subject, expected);
    assertEquals(referrers(sourceClient, repo, subject), referrers(targetClient, repo, subject));
  }

  /** Harbor's accessories of {@code subject}: "digest type" each, as the API lists them. */
  private static List<String> accessories(RegistryClient client, String repo, String subject)
      throws Exception {
    int slash = repo.indexOf('/');
    HttpResponse<String> r =
        client.get(
            "/api/v2.0/projects/"
                + repo.substring(0, slash)
                + "/repositories/"
                + repo.substring(slash + 1)
                + "/artifacts/"
                + subject
                + "/accessories");
    if (r.statusCode() == 404) {
      return List.of();
    }
    RegistryClient.expect(200, r);
    List<String> out = new ArrayList<>();
    new JsonArray(r.body())
        .forEach(
            a ->
                out.add(
                    ((JsonObject) a).getString("digest")
                        + " "
                        + ((JsonObject) a).getString("type")));
    return out;
  }

  private static List<String> referrers(RegistryClient client, String repo, String subject)
      throws Exception {
    HttpResponse<String> r = client.get("/v2/" + repo + "/referrers/" + subject);
    RegistryClient.expect(200, r);
    List<String> out = new ArrayList<>();
    new JsonObject(r.body())
        .getJsonArray("manifests")
        .forEach(m -> out.add(((JsonObject) m).getString("digest")));
    return out;
  }

  private static void awaitAccessories(String repo, String subject, List<String> expected)
      throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = accessories(targetClient, repo, subject);
      if (seen.equals(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the target's accessories of "
            + repo
            + "@"
            + subject
            + " are "
            + seen
            + ", not "
            + expected
            + "; "
            + connect.status("replicate-to-cairn").tasks());
  }
}
