package io.cairn.ops.replication;

import static io.cairn.ops.replication.SubjectLinks.accessories;
import static io.cairn.ops.replication.SubjectLinks.referrers;
import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Closing;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Referrers;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cairn to Cairn: the target is another real Cairn (its own topics, data and port), signed in with
 * its token flow, and the policy replicates deletions. The target rebuilds the subject→accessory
 * links itself, so its Harbor accessories API and its referrers API say what the source's say: for
 * a cosign signature, for a Notation signature made by notation itself (the Notary Project's
 * fixtures, when present), for an SBOM with a signature of its own, and after one of a subject's
 * two signatures is deleted. A project that verifies Notation signatures at both sites never serves
 * the replicated image unsigned.
 */
@ExtendWith(SharedKafka.class)
class CairnToCairnReplicationTest {
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final Path NOTATION_FIXTURES = Path.of("../../shared/fixtures/notation");
  static final Path NOTATION = NOTATION_FIXTURES.resolve("layout");
  static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
  static final Duration ARRIVAL = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static TestCairn source;
  static TestCairn target;
  static RegistryClient sourceClient;
  static RegistryClient targetClient;
  static EmbeddedConnect connect;
  static final FixtureLayout cosign = FixtureLayout.cosign();

  @BeforeAll
  static void start() throws Exception {
    source = TestCairn.start(dir.resolve("source"));
    target = TestCairn.start(dir.resolve("target"));
    sourceClient = new RegistryClient(source.url());
    targetClient = new RegistryClient(target.url());
    connect = EmbeddedConnect.start(source.audit(), dir.resolve("connect.offsets"));
    Map<String, String> config =
        ConnectorSettings.toCairn(source, "audit-replication-cairn", target);
    config.put("replicate.deletion", "true");
    connect.put("replicate-to-cairn", config);
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.all(connect, target, source);
  }

  @Test
  void theTargetLinksACosignSignatureToItsSubjectAsTheSourceDoes() throws Exception {
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

  /** An accessory of an accessory: the SBOM's signature hangs from the SBOM, not the image. */
  @Test
  void anSbomArrivesLinkedToItsImageAndItsOwnSignatureLinkedToTheSbom() throws Exception {
    String repo = "library/sbom";
    expect(201, cosign.push(sourceClient, "app:v1", repo, "v1"));
    String sbom =
        Referrers.push(
            sourceClient, repo, APP, "application/spdx+json", "{\"spdxVersion\":\"2.3\"}");
    String sbomSignature =
        Referrers.push(sourceClient, repo, sbom, NOTATION_SIGNATURE, "a signature of the sbom");

    assertEquals(List.of(sbom + " subject.accessory"), accessories(sourceClient, repo, APP));
    assertEquals(
        List.of(sbomSignature + " signature.notation"), accessories(sourceClient, repo, sbom));
    awaitAccessories(repo, APP, accessories(sourceClient, repo, APP));
    awaitAccessories(repo, sbom, accessories(sourceClient, repo, sbom));
    assertEquals(List.of(), accessories(targetClient, repo, sbomSignature));
    for (String subject : List.of(APP, sbom, sbomSignature)) {
      assertEquals(
          referrers(sourceClient, repo, subject),
          referrers(targetClient, repo, subject),
          "referrers of " + subject);
    }
    assertEquals(
        List.of(sbom + " application/spdx+json"), referrers(targetClient, repo, APP), "nested");
  }

  @Test
  void deletingOneOfTwoSignaturesDeletesThatOneAtTheTargetAndKeepsTheOther() throws Exception {
    String repo = "library/two-signatures";
    String cosignSignature = cosign.digestOf("app:" + APP_SIG);
    expect(201, cosign.push(sourceClient, "app:v1", repo, "v1"));
    expect(201, cosign.push(sourceClient, "app:" + APP_SIG, repo, APP_SIG));
    String notation = Referrers.push(sourceClient, repo, APP, NOTATION_SIGNATURE, "a jws");
    List<String> both = accessories(sourceClient, repo, APP);
    assertEquals(2, both.size(), both::toString);
    awaitAccessories(repo, APP, both);

    expect(202, sourceClient.delete("/v2/" + repo + "/manifests/" + cosignSignature));
    List<String> left = accessories(sourceClient, repo, APP);
    assertEquals(List.of(notation + " signature.notation"), left);
    awaitAccessories(repo, APP, left);
    assertEquals(referrers(sourceClient, repo, APP), referrers(targetClient, repo, APP));
    assertEquals(List.of(notation + " " + NOTATION_SIGNATURE), referrers(targetClient, repo, APP));
    TargetManifests there = new TargetManifests(target.url());
    assertEquals(404, there.status(repo, cosignSignature), "the deleted signature");
    assertEquals(404, there.status(repo, APP_SIG), "its cosign tag");
    assertEquals(200, there.status(repo, notation), "the other signature");
    assertEquals(200, there.status(repo, "v1"), "the subject");
  }

  /**
   * Both sites verify Notation signatures in project {@code notary} against the fixture's CA: the
   * subject is held at the source until its signature verifies there, then travels with it, and the
   * target verifies it itself; an anonymous pull there never meets a 412 and ends in a 200.
   */
  @Test
  void aNotationSignedImageIsPulledAnonymouslyAtATargetThatVerifiesNotation() throws Exception {
    assumeTrue(
        Files.isDirectory(NOTATION),
        "skipped: " + NOTATION.toAbsolutePath().normalize() + " is absent (a plain clone)");
    for (RegistryClient admin : List.of(sourceClient, targetClient)) {
      verifyingNotation(admin, "notary");
    }
    FixtureLayout notation = FixtureLayout.at(NOTATION);
    String repo = "notary/e2e";
    String subject = notation.digestOf("e2e:v1");
    String signature = notation.digestOf("variant/e2e-sig-notation-1.0-form");
    expect(201, notation.push(sourceClient, "e2e:v1", repo, "v1"));
    assertEquals(404, pullAnonymously(repo, "v1", Duration.ofSeconds(2)), "held at the source");

    expect(201, notation.push(sourceClient, "variant/e2e-sig-notation-1.0-form", repo, signature));
    assertEquals(200, pullAnonymously(repo, "v1", ARRIVAL), "signed there, and verified");
    assertEquals(
        accessories(sourceClient, repo, subject), accessories(targetClient, repo, subject));
    assertEquals(
        List.of(signature + " " + NOTATION_SIGNATURE), referrers(targetClient, repo, subject));
  }

  /**
   * A public project that serves only what a Notation signature verified against the fixture's
   * {@code e2e} CA under its trust policy, set up as its admin would through Harbor's API.
   */
  private static void verifyingNotation(RegistryClient admin, String project) throws Exception {
    Accounts accounts = new Accounts(admin);
    accounts.project(project, true);
    Path store = NOTATION_FIXTURES.resolve("truststore/x509/ca/e2e/e2e.crt");
    expect(
        201,
        admin.post(
            "/api/v2.0/projects/" + project + "/trust/notation/certificates",
            new JsonObject()
                .put("name", "e2e")
                .put("store_type", "ca")
                .put("certificate", Files.readString(store))
                .encode()));
    expect(
        200,
        admin.put(
            "/api/v2.0/projects/" + project + "/trust/notation/policy",
            Files.readString(NOTATION_FIXTURES.resolve("trustpolicy/trustpolicy.e2e.json"))));
    accounts.metadata(
        project, Map.of("enable_content_trust", "true", "content_trust_mode", "verified"));
  }

  /**
   * Anonymous pulls of {@code reference} at the target until one answers 200 or {@code within}
   * passes; returns the last status. A 412 fails at once: the target held it unsigned.
   */
  private static int pullAnonymously(String repo, String reference, Duration within)
      throws Exception {
    RegistryClient anonymous = targetClient.as(null);
    long deadline = System.nanoTime() + within.toNanos();
    int status;
    do {
      HttpResponse<String> pull = anonymous.get("/v2/" + repo + "/manifests/" + reference);
      status = pull.statusCode();
      if (status == 412) {
        throw new AssertionError(
            "the target served " + repo + ":" + reference + " unsigned: " + pull.body());
      }
      if (status == 200) {
        return status;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return status;
  }

  /**
   * Waits until the target lists {@code expected} as the accessories of {@code subject}, in any
   * order: each site lists them in the order they arrived there, and the copier brings referrers
   * before cosign's tags.
   */
  private static void awaitAccessories(String repo, String subject, List<String> expected)
      throws Exception {
    SubjectLinks.await(
        "the target's accessories of " + repo + "@" + subject,
        () -> sorted(accessories(targetClient, repo, subject)),
        sorted(expected),
        ARRIVAL,
        CairnToCairnReplicationTest::tasks);
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  private static String tasks() {
    StringBuilder out = new StringBuilder("tasks:");
    connect
        .status("replicate-to-cairn")
        .tasks()
        .forEach(t -> out.append(' ').append(t.state()).append(' ').append(t.trace()));
    return out.toString();
  }
}
