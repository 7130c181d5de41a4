package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Referrers;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harbor-compatible content trust ({@code presence} mode): enabled on a project that already holds
 * a signed and an unsigned image, a reader may pull only the signed one; the answer and its body
 * are Harbor's; blobs, signatures and callers who may push are not gated.
 */
@ExtendWith(SharedKafka.class)
class ContentTrustTest {
  static final String REPO = "signed/app";
  static final FixtureLayout cosign = FixtureLayout.cosign();
  static final String APP = cosign.digestOf("app:v1");
  static final String OTHER = cosign.digestOf("other:v1");
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static Accounts accounts;
  static RegistryClient reader;
  static RegistryClient writer;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    accounts = new Accounts(admin);
    accounts.project("signed", false);
    reader = admin.as(accounts.user("reader"));
    writer = admin.as(accounts.user("writer"));
    accounts.member("signed", "reader", 3);
    accounts.member("signed", "writer", 2);
    RegistryClient.expect(201, cosign.push(admin, "app:v1", REPO, "v1"));
    RegistryClient.expect(201, cosign.push(admin, "other:v1", REPO, "unsigned"));
    RegistryClient.expect(201, cosign.push(admin, "app:" + APP_SIG, REPO, APP_SIG));
    // Trust is switched on after the images exist, as an operator would.
    accounts.metadata("signed", Map.of("enable_content_trust_cosign", "true"));
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void anUnsignedImageIs412WithHarborsBody() throws Exception {
    for (String reference : new String[] {"unsigned", OTHER}) {
      HttpResponse<String> get = reader.get("/v2/" + REPO + "/manifests/" + reference);
      assertEquals(412, get.statusCode(), get.body());
      assertEquals(
          new JsonObject(
              "{\"errors\":[{\"code\":\"PROJECTPOLICYVIOLATION\","
                  + "\"message\":\"The image is not signed by cosign.\"}]}"),
          new JsonObject(get.body()));
      assertEquals(412, reader.head("/v2/" + REPO + "/manifests/" + reference).statusCode());
    }
  }

  @Test
  void aSignedImageIsServed() throws Exception {
    assertEquals(200, reader.get("/v2/" + REPO + "/manifests/v1").statusCode());
    assertEquals(200, reader.get("/v2/" + REPO + "/manifests/" + APP).statusCode());
    assertEquals(200, reader.head("/v2/" + REPO + "/manifests/v1").statusCode());
  }

  @Test
  void blobsAndSignaturesAreNotGated() throws Exception {
    JsonObject unsigned = new JsonObject(new String(cosign.blob(OTHER), StandardCharsets.UTF_8));
    String layer = unsigned.getJsonArray("layers").getJsonObject(0).getString("digest");
    assertEquals(200, reader.get("/v2/" + REPO + "/blobs/" + layer).statusCode());
    assertEquals(200, reader.get("/v2/" + REPO + "/manifests/" + APP_SIG).statusCode());
  }

  @Test
  void whoeverMayPushIsExemptSoSigningToolsCanReadWhatTheySign() throws Exception {
    assertEquals(200, writer.get("/v2/" + REPO + "/manifests/unsigned").statusCode());
    assertEquals(200, admin.get("/v2/" + REPO + "/manifests/unsigned").statusCode());
  }

  @Test
  void aPusherMayAskToBeGatedAsAReaderAndTheHeaderNeverLoosensTheGate() throws Exception {
    String unsigned = "/v2/" + REPO + "/manifests/unsigned";
    String enforce = "Cairn-Content-Trust";
    HttpResponse<String> asked = admin.send("GET", unsigned, enforce, "enforce");
    assertEquals(412, asked.statusCode(), "what replication asks before sending on");
    assertTrue(asked.body().contains("PROJECTPOLICYVIOLATION"), asked.body());
    assertEquals(
        200, admin.send("GET", "/v2/" + REPO + "/manifests/v1", enforce, "enforce").statusCode());
    assertEquals(200, admin.send("GET", unsigned, enforce, "off").statusCode());
    assertEquals(412, reader.send("GET", unsigned, enforce, "off").statusCode());
  }

  @Test
  void aPullTokenDoesNotExemptEvenAPusher() throws Exception {
    String scope = URLEncoder.encode("repository:" + REPO + ":pull", StandardCharsets.UTF_8);
    HttpResponse<String> issued =
        writer.get("/service/token?service=cairn-registry&scope=" + scope);
    String token = new JsonObject(issued.body()).getString("token");
    HttpResponse<String> get =
        admin
            .as(null)
            .send("GET", "/v2/" + REPO + "/manifests/unsigned", "Authorization", "Bearer " + token);
    assertEquals(412, get.statusCode(), get.body());
  }

  @Test
  void notationTrustAsksForANotationSignature() throws Exception {
    String repo = "both/app";
    accounts.project("both", false);
    accounts.member("both", "reader", 3);
    RegistryClient.expect(201, cosign.push(admin, "app:v1", repo, "v1"));
    RegistryClient.expect(201, cosign.push(admin, "app:" + APP_SIG, repo, APP_SIG));
    accounts.metadata(
        "both", Map.of("enable_content_trust_cosign", "true", "enable_content_trust", "true"));

    HttpResponse<String> get = reader.get("/v2/" + repo + "/manifests/v1");
    assertEquals(412, get.statusCode());
    assertEquals(
        "The image is not signed by notation.",
        new JsonObject(get.body()).getJsonArray("errors").getJsonObject(0).getString("message"));
    Referrers.push(
        admin, repo, APP, "application/vnd.cncf.notary.signature", "a notation signature");
    assertEquals(200, reader.get("/v2/" + repo + "/manifests/v1").statusCode());

    accounts.metadata("both", Map.of("enable_content_trust", "false"));
    assertEquals(200, reader.get("/v2/" + repo + "/manifests/v1").statusCode());
  }

  @Test
  void aProjectWithoutTrustServesEverything() throws Exception {
    accounts.project("open", false);
    accounts.member("open", "reader", 3);
    RegistryClient.expect(201, cosign.push(admin, "other:v1", "open/app", "v1"));
    assertEquals(200, reader.get("/v2/open/app/manifests/v1").statusCode());
  }
}
