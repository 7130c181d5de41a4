package io.cairn.ops.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verified content trust end to end: real Cosign and Notation signatures, the project's trusted
 * keys and certificates managed through the API, the policy processor deciding verdicts, and pulls
 * answered from them — including key rotation and trust switched on over existing images.
 */
@ExtendWith(SharedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifiedTrustTest {
  static final FixtureLayout cosign = FixtureLayout.cosign();
  static final String APP = cosign.digestOf("app:v1");
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final Path NOTATION = Path.of("../../shared/fixtures/notation");
  static final String COSIGN_KEYS = "/api/v2.0/projects/%s/trust/cosign-keys";

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static RegistryClient reader;
  static Accounts accounts;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    accounts = new Accounts(admin);
    reader = admin.as(accounts.user("reader"));
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  /** A private project holding app:v1 (signed by keyA) and other:v1 (unsigned), reader a guest. */
  private static String project(String name, Map<String, String> trust) throws Exception {
    accounts.project(name, false);
    accounts.member(name, "reader", 3);
    String repo = name + "/app";
    RegistryClient.expect(201, cosign.push(admin, "app:v1", repo, "v1"));
    RegistryClient.expect(201, cosign.push(admin, "other:v1", repo, "unsigned"));
    RegistryClient.expect(201, cosign.push(admin, "app:" + APP_SIG, repo, APP_SIG));
    accounts.metadata(name, trust);
    return repo;
  }

  private static final Map<String, String> VERIFIED_COSIGN =
      Map.of("enable_content_trust_cosign", "true", "content_trust_mode", "verified");

  @Test
  void onlyASignatureByATrustedKeyLetsAPullThrough() throws Exception {
    String repo = project("vt", VERIFIED_COSIGN);
    HttpResponse<String> none = reader.get("/v2/" + repo + "/manifests/v1");
    assertEquals(412, none.statusCode(), "signed, but by no key the project trusts");
    assertEquals(
        "The image is not signed by a trusted cosign key.", error(none).getString("message"));

    addKey("vt", "keyA");
    awaitStatus(200, repo, "v1");
    assertEquals(412, reader.get("/v2/" + repo + "/manifests/unsigned").statusCode());
    assertEquals(200, reader.get("/v2/" + repo + "/manifests/" + APP_SIG).statusCode());
    assertEquals(200, admin.get("/v2/" + repo + "/manifests/unsigned").statusCode());
  }

  @Test
  void rotatingKeysReevaluatesWhatIsAlreadySigned() throws Exception {
    String repo = project("rotate", VERIFIED_COSIGN);
    addKey("rotate", "keyA");
    awaitStatus(200, repo, "v1");

    addKey("rotate", "keyB");
    RegistryClient.expect(200, admin.delete(String.format(COSIGN_KEYS, "rotate") + "/keyA"));
    // Refused at once (the verdict is of an older generation), then decided again: untrusted.
    assertEquals(412, reader.get("/v2/" + repo + "/manifests/v1").statusCode());
    String signature = cosign.digestOf("app:" + APP_SIG);
    assertEquals("untrusted-key", awaitOutcome(repo, signature));

    // Signed again by keyB (skopeo re-pushes the tag with both signatures): trusted again.
    RegistryClient.expect(201, cosign.push(admin, "variant/app-sig-keyA-keyB", repo, APP_SIG));
    awaitStatus(200, repo, "v1");
  }

  @Test
  void aSignatureOfAnotherImageOrOverAlteredBytesDoesNotCount() throws Exception {
    String repo = project("forged", VERIFIED_COSIGN);
    addKey("forged", "keyA");
    awaitStatus(200, repo, "v1");

    RegistryClient.expect(201, cosign.push(admin, "variant/app-sig-wrong-subject", repo, APP_SIG));
    assertEquals(
        "wrong-subject", awaitOutcome(repo, cosign.digestOf("variant/app-sig-wrong-subject")));

    RegistryClient.expect(
        201, cosign.push(admin, "variant/app-sig-tampered-payload", repo, APP_SIG));
    // The fixture says invalid-signature; no verifier can tell keyA-over-altered-bytes from
    // another key's signature, so Cairn says untrusted-key (see CosignVerifier).
    assertEquals(
        "untrusted-key", awaitOutcome(repo, cosign.digestOf("variant/app-sig-tampered-payload")));
  }

  @Test
  @Order(Integer.MAX_VALUE) // restarts the shared instance
  void verdictsAreEventsSoARebuildKeepsThem() throws Exception {
    String repo = project("rebuilt", VERIFIED_COSIGN);
    addKey("rebuilt", "keyA");
    awaitStatus(200, repo, "v1");
    cairn = cairn.rebuild();
    admin = new RegistryClient(cairn.url());
    reader = admin.as(new io.cairn.ops.testing.Login("reader", "Pw-reader-1234"));
    assertEquals(
        200,
        reader.get("/v2/" + repo + "/manifests/v1").statusCode(),
        "the verdict came back with the log, not from deciding again");
    assertEquals(412, reader.get("/v2/" + repo + "/manifests/unsigned").statusCode());
  }

  @Test
  void aPullRightAfterSigningIsJudgedOnTheNewSignature() throws Exception {
    accounts.project("fresh", false);
    accounts.member("fresh", "reader", 3);
    String repo = "fresh/app";
    RegistryClient.expect(201, cosign.push(admin, "app:v1", repo, "v1"));
    accounts.metadata("fresh", VERIFIED_COSIGN);
    addKey("fresh", "keyA");
    assertEquals(412, reader.get("/v2/" + repo + "/manifests/v1").statusCode());

    // The signature push is answered once its verdict exists: no polling needed after it.
    RegistryClient.expect(201, cosign.push(admin, "app:" + APP_SIG, repo, APP_SIG));
    assertEquals(200, reader.get("/v2/" + repo + "/manifests/v1").statusCode());
  }

  @Test
  void presenceModeIgnoresWhoSigned() throws Exception {
    String repo = project("present", Map.of("enable_content_trust_cosign", "true"));
    assertEquals(200, reader.get("/v2/" + repo + "/manifests/v1").statusCode());
    accounts.metadata("present", Map.of("content_trust_mode", "verified"));
    assertEquals(412, reader.get("/v2/" + repo + "/manifests/v1").statusCode());
  }

  @Test
  void aNotationSignatureVerifiesAgainstTheProjectsTrustStoreAndPolicy() throws Exception {
    assumeTrue(
        Files.isDirectory(NOTATION),
        "skipped: ../shared/fixtures/notation (the Notary Project's test data) is absent");
    FixtureLayout notation = FixtureLayout.at(NOTATION.resolve("layout"));
    accounts.project("nv", false);
    accounts.member("nv", "reader", 3);
    String repo = "nv/e2e";
    RegistryClient.expect(201, notation.push(admin, "e2e:v1", repo, "v1"));
    String signature = notation.digestOf("variant/e2e-sig-notation-1.0-form");
    RegistryClient.expect(
        201, notation.push(admin, "variant/e2e-sig-notation-1.0-form", repo, signature));
    accounts.metadata(
        "nv", Map.of("enable_content_trust", "true", "content_trust_mode", "verified"));
    assertEquals(412, reader.get("/v2/" + repo + "/manifests/v1").statusCode());

    String certificate =
        Files.readString(NOTATION.resolve("truststore/x509/ca/e2e").resolve(onlyFile("e2e")));
    RegistryClient.expect(
        201,
        admin.post(
            "/api/v2.0/projects/nv/trust/notation/certificates",
            new JsonObject()
                .put("name", "e2e")
                .put("store_type", "ca")
                .put("certificate", certificate)
                .encode()));
    RegistryClient.expect(
        200,
        admin.put(
            "/api/v2.0/projects/nv/trust/notation/policy",
            Files.readString(NOTATION.resolve("trustpolicy/trustpolicy.e2e.json"))));
    awaitStatus(200, repo, "v1");

    String tampered = notation.digestOf("variant/e2e-sig-tampered-envelope");
    RegistryClient.expect(
        201, notation.push(admin, "variant/e2e-sig-tampered-envelope", repo, tampered));
    assertEquals(
        200, reader.get("/v2/" + repo + "/manifests/v1").statusCode(), "one valid is enough");
  }

  private static Path onlyFile(String store) throws Exception {
    try (var files = Files.list(NOTATION.resolve("truststore/x509/ca").resolve(store))) {
      return files.findFirst().orElseThrow().getFileName();
    }
  }

  private static void addKey(String project, String key) throws Exception {
    String pem = Files.readString(FixtureLayout.cosignRoot().resolve("keys/" + key + ".pub"));
    HttpResponse<String> added =
        admin.post(
            String.format(COSIGN_KEYS, project),
            new JsonObject().put("name", key).put("public_key", pem).encode());
    assertEquals(201, added.statusCode(), added.body());
  }

  /** Polls the reader's pull until it answers {@code status}: verdicts follow events closely. */
  private static HttpResponse<String> awaitStatus(int status, String repo, String reference)
      throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    HttpResponse<String> last;
    do {
      last = reader.get("/v2/" + repo + "/manifests/" + reference);
      if (last.statusCode() == status) {
        return last;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "expected "
            + status
            + " for "
            + repo
            + ":"
            + reference
            + ", got "
            + last.statusCode()
            + " "
            + last.body());
  }

  /** Polls the reader's pull of v1 until its 412 names {@code signature}; that one's outcome. */
  private static String awaitOutcome(String repo, String signature) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    HttpResponse<String> last;
    do {
      last = reader.get("/v2/" + repo + "/manifests/v1");
      if (last.statusCode() == 412) {
        JsonArray signatures = error(last).getJsonObject("detail").getJsonArray("signatures");
        for (int i = 0; signatures != null && i < signatures.size(); i++) {
          JsonObject check = signatures.getJsonObject(i);
          if (check.getString("digest").equals(signature)) {
            return check.getString("outcome");
          }
        }
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "no verdict on " + signature + ": " + last.statusCode() + " " + last.body());
  }

  private static JsonObject error(HttpResponse<String> response) {
    assertTrue(response.body().contains("PROJECTPOLICYVIOLATION"), response.body());
    return new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
  }
}
