package io.cairn.ops.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.clients.Skopeo;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The attacks of issue 8, item 1 and 3: under verified cosign trust a developer who holds no
 * trusted key tries to make unsigned content pullable by a guest and a pull-only robot by dressing
 * it as an accessory — a {@code subject} field (to an image or to nothing), an image under an SBOM
 * tag, a referrers tag-schema index listing it, an image dressed as a Cosign or Notation signature,
 * a real signature of nothing — and to read a refused manifest through the blob endpoint. Each is
 * tried by tag, by digest, with HEAD, through the blob endpoint and with skopeo, and refused.
 */
@ExtendWith(SharedKafka.class)
class TrustBypassTest {
  static final String REPO = "secret/app";
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final String TAR = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final FixtureLayout cosign = FixtureLayout.cosign();
  static final String APP = cosign.digestOf("app:v1");
  static final String OTHER = cosign.digestOf("other:v1");
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final String NOWHERE = "sha256:" + "d".repeat(64);

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static RegistryClient developer;
  static Accounts accounts;
  static List<RegistryClient> readers;
  static Skopeo skopeo;
  static List<Login> readerLogins;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    accounts = new Accounts(admin);
    Login dev = accounts.user("dev");
    Login guest = accounts.user("guest");
    accounts.project("secret", false);
    accounts.member("secret", "dev", 2);
    accounts.member("secret", "guest", 3);
    Login robot = accounts.robot("secret", "puller", List.of("repository:pull"));
    developer = admin.as(dev);
    readerLogins = List.of(guest, robot);
    readers = List.of(admin.as(guest), admin.as(robot));
    skopeo = new Skopeo(Files.createDirectories(dataDir.resolve("skopeo")), Duration.ofSeconds(90));

    RegistryClient.expect(201, cosign.push(admin, "app:v1", REPO, "v1"));
    RegistryClient.expect(201, cosign.push(admin, "other:v1", REPO, "unsigned"));
    RegistryClient.expect(201, cosign.push(admin, "app:" + APP_SIG, REPO, APP_SIG));
    String key = Files.readString(FixtureLayout.cosignRoot().resolve("keys/keyA.pub"));
    RegistryClient.expect(
        201,
        admin.post(
            "/api/v2.0/projects/secret/trust/cosign-keys",
            new JsonObject().put("name", "keyA").put("public_key", key).encode()));
    accounts.metadata(
        "secret", Map.of("enable_content_trust_cosign", "true", "content_trust_mode", "verified"));
    awaitServed(REPO, "v1");
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void theBaselineHolds() throws Exception {
    assertServed(REPO, "v1", APP);
    assertServed(REPO, APP_SIG, cosign.digestOf("app:" + APP_SIG));
    assertRefused(REPO, "unsigned", OTHER);
  }

  @Test
  void aManifestWithASubjectIsAnArtifactLikeAnyOther() throws Exception {
    String attached = pushImage(REPO, "with-subject", APP, TAR, "attached to a signed image");
    String dangling = pushImage(REPO, "dangling", NOWHERE, TAR, "attached to nothing");
    assertRefused(REPO, "with-subject", attached);
    assertRefused(REPO, "dangling", dangling);
    assertEquals(
        200, developer.get("/v2/" + REPO + "/manifests/with-subject").statusCode(), "pushers");
  }

  @Test
  void anImageUnderAnSbomTagIsNoSbomAndAnSbomIsGatedToo() throws Exception {
    String sbomTag = "sha256-" + APP.substring(7) + ".sbom";
    String image = pushImage(REPO, sbomTag, null, TAR, "an image, not an SBOM");
    assertRefused(REPO, sbomTag, image);
    assertFalse(accessoriesOf(APP).contains(image));

    String sbom =
        pushImage(REPO, sbomTag, null, "text/spdx+json", "{\"spdxVersion\":\"SPDX-2.3\"}");
    assertTrue(accessoriesOf(APP).contains(sbom));
    assertRefused(REPO, sbomTag, sbom); // an accessory, but not a signature: gated
  }

  @Test
  void aTagSchemaIndexDoesNotMakeItsEntriesAccessories() throws Exception {
    String tag = "sha256-" + APP.substring(7);
    JsonObject index = index(entry(OTHER, "application/vnd.cncf.notary.signature"));
    String digest = put(REPO, tag, INDEX, index);
    assertRefused(REPO, "unsigned", OTHER);
    assertRefused(REPO, tag, digest);
    assertFalse(accessoriesOf(APP).contains(OTHER));
  }

  @Test
  void anIndexListingAnUnsignedImageLetsNeitherThrough() throws Exception {
    String digest = put(REPO, "multi", INDEX, index(entry(OTHER, null)));
    assertRefused(REPO, "multi", digest);
    assertRefused(REPO, "unsigned", OTHER);
  }

  @Test
  void imagesDressedAsSignaturesAreGated() throws Exception {
    byte[] tarball = cosign.blob(layerOf(OTHER));
    String fakeCosign =
        pushManifest(
            REPO,
            "sha256-" + OTHER.substring(7) + ".sig",
            null,
            null,
            layer(
                "application/vnd.dev.cosign.simplesigning.v1+json",
                tarball,
                Map.of("dev.cosignproject.cosign/signature", "MEUCIQ==")));
    assertRefused(REPO, "sha256-" + OTHER.substring(7) + ".sig", fakeCosign);

    String fakeNotation =
        pushManifest(
            REPO,
            "fake-notation",
            "application/vnd.cncf.notary.signature",
            APP,
            layer("application/jose+json", tarball, Map.of()));
    assertRefused(REPO, "fake-notation", fakeNotation);
    assertRefused(REPO, "unsigned", OTHER);
  }

  @Test
  void aRealSignatureOfNothingIsGated() throws Exception {
    String tag = "sha256-" + NOWHERE.substring(7) + ".sig";
    RegistryClient.expect(201, cosign.push(developer, "other:" + othSig(), REPO, tag));
    assertRefused(REPO, tag, cosign.digestOf("other:" + othSig()));
  }

  @Test
  void theBlobEndpointServesManifestsOnlyThroughTheGate() throws Exception {
    for (RegistryClient reader : readers) {
      assertEquals(412, reader.get("/v2/" + REPO + "/blobs/" + OTHER).statusCode());
      assertEquals(412, reader.head("/v2/" + REPO + "/blobs/" + OTHER).statusCode());
      HttpResponse<byte[]> signed = reader.getBlob(REPO, APP);
      assertEquals(200, signed.statusCode());
      assertArrayEquals(cosign.blob(APP), signed.body());
    }
    assertEquals(401, admin.as(null).get("/v2/" + REPO + "/blobs/" + OTHER).statusCode());
  }

  @Test
  void skopeoCannotCopyWhatTheGateRefuses() throws Exception {
    String attached = pushImage(REPO, "skopeo-bait", APP, TAR, "pulled with skopeo");
    for (Login login : readerLogins) {
      Path out = dataDir.resolve("out-" + login.name().replaceAll("[^a-z]", ""));
      Skopeo.Result refused =
          skopeo.as(login).copy(docker(REPO + ":skopeo-bait"), "oci:" + out + ":bait");
      assertFalse(refused.ok(), refused.toString());
      Skopeo.Result byDigest =
          skopeo.as(login).copy(docker(REPO + "@" + attached), "oci:" + out + ":bait");
      assertFalse(byDigest.ok(), byDigest.toString());
      skopeo.as(login).copy(docker(REPO + ":v1"), "oci:" + out + ":v1").expectSuccess();
    }
  }

  @Test
  void presenceModeGatesAccessoriesThatAreNotSignaturesToo() throws Exception {
    accounts.project("plain", false);
    accounts.member("plain", "dev", 2);
    accounts.member("plain", "guest", 3);
    String repo = "plain/app";
    RegistryClient.expect(201, cosign.push(admin, "app:v1", repo, "v1"));
    RegistryClient.expect(201, cosign.push(admin, "app:" + APP_SIG, repo, APP_SIG));
    accounts.metadata("plain", Map.of("enable_content_trust_cosign", "true"));
    RegistryClient guest = readers.get(0);

    String attached = pushImage(repo, "with-subject", APP, TAR, "presence: attached");
    String sbomTag = "sha256-" + APP.substring(7) + ".sbom";
    String image = pushImage(repo, sbomTag, null, TAR, "presence: sbom tag");
    for (String[] pulled : new String[][] {{"with-subject", attached}, {sbomTag, image}}) {
      assertEquals(412, guest.get("/v2/" + repo + "/manifests/" + pulled[0]).statusCode());
      assertEquals(412, guest.get("/v2/" + repo + "/manifests/" + pulled[1]).statusCode());
      assertEquals(412, guest.get("/v2/" + repo + "/blobs/" + pulled[1]).statusCode());
    }
    assertEquals(200, guest.get("/v2/" + repo + "/manifests/v1").statusCode());
    assertEquals(200, guest.get("/v2/" + repo + "/manifests/" + APP_SIG).statusCode());
  }

  // ---- what a reader sees ----

  /** Every reader is refused by tag, by digest, with HEAD and through the blob endpoint. */
  private static void assertRefused(String repo, String tag, String digest) throws Exception {
    for (RegistryClient reader : readers) {
      for (String path : List.of("/manifests/" + tag, "/manifests/" + digest, "/blobs/" + digest)) {
        HttpResponse<String> get = reader.get("/v2/" + repo + path);
        assertEquals(412, get.statusCode(), path + ": " + get.body());
        assertEquals(412, reader.head("/v2/" + repo + path).statusCode(), "HEAD " + path);
      }
    }
  }

  private static void assertServed(String repo, String tag, String digest) throws Exception {
    for (RegistryClient reader : readers) {
      assertEquals(200, reader.get("/v2/" + repo + "/manifests/" + tag).statusCode(), tag);
      assertEquals(200, reader.head("/v2/" + repo + "/manifests/" + digest).statusCode(), digest);
    }
  }

  private static void awaitServed(String repo, String tag) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (readers.get(0).get("/v2/" + repo + "/manifests/" + tag).statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(repo + ":" + tag + " was never served");
      }
      Thread.sleep(50);
    }
  }

  /** The digests of the accessories Harbor's API lists for {@code subject} in {@link #REPO}. */
  private static List<String> accessoriesOf(String subject) throws Exception {
    HttpResponse<String> list =
        admin.get(
            "/api/v2.0/projects/secret/repositories/app/artifacts/"
                + subject
                + "/accessories?page_size=100");
    assertEquals(200, list.statusCode(), list.body());
    return new JsonArray(list.body())
        .stream().map(a -> ((JsonObject) a).getString("digest")).toList();
  }

  // ---- what the developer pushes ----

  /**
   * An image of one layer of {@code layerType} holding {@code content}, optionally with a subject.
   */
  private static String pushImage(
      String repo, String reference, String subject, String layerType, String content)
      throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return pushManifest(repo, reference, null, subject, layer(layerType, bytes, Map.of()));
  }

  private static String pushManifest(
      String repo, String reference, String artifactType, String subject, JsonObject layer)
      throws Exception {
    byte[] blob = layer.getBinary("bytes");
    layer.remove("bytes");
    developer.pushBlob(repo, blob);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    Digest configDigest = developer.pushBlob(repo, config);
    JsonObject manifest =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", MANIFEST)
            .put(
                "config",
                descriptor(
                    "application/vnd.oci.image.config.v1+json",
                    configDigest.toString(),
                    config.length))
            .put("layers", new JsonArray().add(layer));
    if (artifactType != null) {
      manifest.put("artifactType", artifactType);
    }
    if (subject != null) {
      manifest.put("subject", descriptor(MANIFEST, subject, 402));
    }
    return put(repo, reference, MANIFEST, manifest);
  }

  private static String put(String repo, String reference, String mediaType, JsonObject manifest)
      throws Exception {
    byte[] bytes = manifest.encode().getBytes(StandardCharsets.UTF_8);
    RegistryClient.expect(201, developer.putManifest(repo, reference, mediaType, bytes));
    return Digest.sha256(bytes).toString();
  }

  /** A layer descriptor; its bytes ride along under "bytes" until the push. */
  private static JsonObject layer(String mediaType, byte[] bytes, Map<String, String> annotations) {
    JsonObject layer = descriptor(mediaType, Digest.sha256(bytes).toString(), bytes.length);
    if (!annotations.isEmpty()) {
      layer.put("annotations", new JsonObject(Map.copyOf(annotations)));
    }
    return layer.put("bytes", bytes);
  }

  private static JsonObject index(JsonObject... entries) {
    return new JsonObject()
        .put("schemaVersion", 2)
        .put("mediaType", INDEX)
        .put("manifests", new JsonArray(List.of((Object[]) entries)));
  }

  private static JsonObject entry(String digest, String artifactType) {
    JsonObject entry = descriptor(MANIFEST, digest, cosign.blob(digest).length);
    return artifactType == null ? entry : entry.put("artifactType", artifactType);
  }

  private static JsonObject descriptor(String mediaType, String digest, long size) {
    return new JsonObject().put("mediaType", mediaType).put("digest", digest).put("size", size);
  }

  private static String layerOf(String manifest) {
    JsonObject json = new JsonObject(new String(cosign.blob(manifest), StandardCharsets.UTF_8));
    return json.getJsonArray("layers").getJsonObject(0).getString("digest");
  }

  private static String othSig() {
    return "sha256-" + OTHER.substring(7) + ".sig";
  }

  private static String docker(String reference) {
    return "docker://" + cairn.host() + "/" + reference;
  }
}
