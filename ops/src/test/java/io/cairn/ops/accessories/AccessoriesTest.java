package io.cairn.ops.accessories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.AccessoryAttached;
import io.cairn.events.AccessoryDetached;
import io.cairn.events.DeleteReason;
import io.cairn.events.ManifestDeleted;
import io.cairn.events.ManifestPut;
import io.cairn.events.RegistryEvent;
import io.cairn.oci.Digest;
import io.cairn.ops.clients.Skopeo;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Referrers;
import io.cairn.ops.testing.TestClients;
import io.cairn.projection.AccessoryEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real signatures pushed byte for byte — cosign's made by upstream skopeo, Notation's by notation —
 * and what becomes of them: accessories of their subject, in the projection, on the referrers API
 * and as events on the log. Each test works in repositories of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessoriesTest extends AccessorySuite {
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String OTHER =
      "sha256:3606641603814d5cabebb42e1bdf86745e2e6817d197c7b4bb0def424229cc94";
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final String OTHER_SIG = "sha256-" + OTHER.substring(7) + ".sig";
  static final String SIG_KEY_A =
      "sha256:2d720c7d3ca559f284287fd494e241bbda9723615e2e6cc931d26a3829eb3ac1";
  static final String SIG_KEY_A_B =
      "sha256:b8cbe7a4d2357db6f56e1196c37b0e5f0ffc1ecdcdda6763f25153f5390dd7fc";
  static final String SIG_OTHER =
      "sha256:d6424deab4290dac37e38d552b1a617b462d8ac9af76848437d8e78d66a69449";
  static final Path NOTATION = Path.of("../../shared/fixtures/notation/layout");

  @Test
  @Order(0)
  void skopeoCarriesTheFixtureSignatureByteForByte() throws Exception {
    Skopeo skopeo =
        new Skopeo(Files.createDirectories(dataDir.resolve("skopeo")), Duration.ofSeconds(90));
    String layout = "oci:" + FixtureLayout.cosignRoot();
    String target = "docker://" + cairn.host() + "/library/skopeo";
    skopeo.copy(layout + ":app:v1", target + ":v1").expectSuccess();
    skopeo
        .copy("--preserve-digests", layout + ":app:" + APP_SIG, target + ":" + APP_SIG)
        .expectSuccess();

    assertEquals(
        List.of(SIG_KEY_A), digests(cairn.cairn().view().accessories("library/skopeo", APP)));
    skopeo
        .copy("--preserve-digests", layout + ":variant/app-sig-keyA-keyB", target + ":" + APP_SIG)
        .expectSuccess();
    assertEquals(
        List.of(SIG_KEY_A_B), digests(cairn.cairn().view().accessories("library/skopeo", APP)));
  }

  @Test
  @Order(1)
  void aCosignSignatureBecomesAnAccessoryOfItsSubject() throws Exception {
    String repo = "library/signed";
    pushApp(repo);
    expect201(cosign.push(client, "app:" + APP_SIG, repo, APP_SIG));

    List<AccessoryEntry> accessories = cairn.cairn().view().accessories(repo, APP);
    assertEquals(List.of(SIG_KEY_A), digests(accessories));
    AccessoryEntry signature = accessories.get(0);
    assertEquals("signature.cosign", signature.type());
    assertEquals(558, signature.size());
    assertFalse(signature.referrer(), "a tag-scheme signature names no subject of its own");
    assertEquals(0, referrers(repo, APP).size());

    List<RegistryEvent> events = events(repo);
    RegistryEvent put =
        only(
            events,
            e -> e.getPayload() instanceof ManifestPut p && p.getDigest().equals(SIG_KEY_A));
    RegistryEvent attached = only(events, e -> e.getPayload() instanceof AccessoryAttached);
    assertEquals(put.getRequestId(), attached.getRequestId(), "one request, one transaction");
    AccessoryAttached link = (AccessoryAttached) attached.getPayload();
    assertEquals(APP, link.getSubjectDigest());
    assertEquals(SIG_KEY_A, link.getAccessoryDigest());
    assertEquals("signature.cosign", link.getType());
  }

  @Test
  @Order(2)
  void reSigningSupersedesThePreviousSignatureManifest() throws Exception {
    String repo = "library/resigned";
    pushApp(repo);
    expect201(cosign.push(client, "app:" + APP_SIG, repo, APP_SIG));
    expect201(cosign.push(client, "variant/app-sig-keyA-keyB", repo, APP_SIG));

    assertEquals(List.of(SIG_KEY_A_B), digests(cairn.cairn().view().accessories(repo, APP)));
    assertEquals(404, client.getManifest(repo, SIG_KEY_A).statusCode(), "no untagged orphan");
    assertEquals(SIG_KEY_A_B, cairn.cairn().view().tag(repo, APP_SIG).orElseThrow());

    List<RegistryEvent> events = events(repo);
    RegistryEvent deleted =
        only(
            events,
            e -> e.getPayload() instanceof ManifestDeleted d && d.getDigest().equals(SIG_KEY_A));
    assertEquals(DeleteReason.SUPERSEDED, ((ManifestDeleted) deleted.getPayload()).getReason());
    RegistryEvent detached = only(events, e -> e.getPayload() instanceof AccessoryDetached);
    assertEquals(deleted.getRequestId(), detached.getRequestId());
  }

  @Test
  @Order(3)
  void aSignatureMayArriveBeforeItsSubject() throws Exception {
    String repo = "library/early";
    expect201(cosign.push(client, "other:" + OTHER_SIG, repo, OTHER_SIG));
    assertEquals(List.of(SIG_OTHER), digests(cairn.cairn().view().accessories(repo, OTHER)));

    expect201(cosign.push(client, "other:v1", repo, "v1"));
    assertEquals(List.of(SIG_OTHER), digests(cairn.cairn().view().accessories(repo, OTHER)));
    assertEquals(200, client.getManifest(repo, OTHER).statusCode());
  }

  @Test
  @Order(4)
  void deletingTheSignatureTagKeepsTheSignature() throws Exception {
    String repo = "library/untagged";
    pushApp(repo);
    expect201(cosign.push(client, "app:" + APP_SIG, repo, APP_SIG));

    assertEquals(202, client.delete("/v2/" + repo + "/manifests/" + APP_SIG).statusCode());

    assertTrue(cairn.cairn().view().tag(repo, APP_SIG).isEmpty());
    assertEquals(200, client.getManifest(repo, SIG_KEY_A).statusCode());
    assertEquals(List.of(SIG_KEY_A), digests(cairn.cairn().view().accessories(repo, APP)));
  }

  @Test
  @Order(5)
  void aSigTagOverOrdinaryLayersIsAnOrdinaryTag() throws Exception {
    String repo = "library/lookalike";
    expect201(cosign.push(client, "other:v1", repo, APP_SIG)); // an image, not a signature
    assertEquals(List.of(), cairn.cairn().view().accessories(repo, APP));
    assertEquals(Map.of(), cairn.cairn().view().subjectsOf(repo, OTHER));
  }

  @Test
  @Order(6)
  void deletingTheSubjectDeletesItsAccessoriesRecursively() throws Exception {
    String repo = "library/cascade";
    pushApp(repo);
    expect201(cosign.push(client, "variant/app-sig-keyA-keyB", repo, APP_SIG));
    String sbom =
        Referrers.push(client, repo, APP, "application/vnd.goharbor.harbor.sbom.v1", "sbom");
    String sbomSignature =
        Referrers.push(
            client, repo, sbom, "application/vnd.cncf.notary.signature", "signature of the sbom");

    assertEquals(List.of(sbom), digests(referrers(repo, APP)));
    assertEquals(
        "application/vnd.goharbor.harbor.sbom.v1",
        referrers(repo, APP).get(0).getString("artifactType"));
    assertEquals(List.of(sbomSignature), digests(cairn.cairn().view().accessories(repo, sbom)));
    assertEquals("signature.notation", cairn.cairn().view().accessories(repo, sbom).get(0).type());

    assertEquals(202, client.delete("/v2/" + repo + "/manifests/" + APP).statusCode());

    for (String gone : List.of(APP, SIG_KEY_A_B, sbom, sbomSignature)) {
      assertEquals(404, client.getManifest(repo, gone).statusCode(), gone);
    }
    assertEquals(List.of(), cairn.cairn().view().tags(repo, null, 100));
    assertEquals(List.of(), digests(cairn.cairn().view().accessories(repo, APP)));
    List<String> cascaded =
        events(repo).stream()
            .filter(
                e ->
                    e.getPayload() instanceof ManifestDeleted d
                        && d.getReason() == DeleteReason.CASCADE)
            .map(e -> ((ManifestDeleted) e.getPayload()).getDigest())
            .sorted()
            .toList();
    assertEquals(Stream.of(SIG_KEY_A_B, sbom, sbomSignature).sorted().toList(), cascaded);
  }

  @Test
  @Order(8)
  void aSubjectThatIsNotADescriptorIsRejectedAndNothingIsStored() throws Exception {
    String repo = "library/bad-subject";
    pushApp(repo);
    JsonObject manifest = new JsonObject(new String(cosign.blob(APP), StandardCharsets.UTF_8));
    manifest.put(
        "subject",
        new JsonObject().put("mediaType", "x").put("digest", "sha256:nothex").put("size", 1));
    byte[] bytes = manifest.encode().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put =
        client.putManifest(repo, "bad", "application/vnd.oci.image.manifest.v1+json", bytes);
    assertEquals(400, put.statusCode(), put::body);
    assertTrue(put.body().contains("MANIFEST_INVALID"), put::body);
    assertEquals(404, client.getManifest(repo, Digest.sha256(bytes).toString()).statusCode());
    assertTrue(cairn.cairn().view().tag(repo, "bad").isEmpty());
  }

  @Test
  @Order(99)
  void aRebuildFromTheLogGivesTheSameAccessories() throws Exception {
    Map<String, String> subjects =
        Map.of(
            "library/signed",
            APP,
            "library/resigned",
            APP,
            "library/early",
            OTHER,
            "library/untagged",
            APP);
    Map<String, List<AccessoryEntry>> before = accessoriesOf(subjects);
    rebuild();
    assertEquals(before, accessoriesOf(subjects));
  }

  // ---- helpers ----

  private static Map<String, List<AccessoryEntry>> accessoriesOf(Map<String, String> subjects) {
    return subjects.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey,
                e -> cairn.cairn().view().accessories(e.getKey(), e.getValue())));
  }

  private static List<JsonObject> referrers(String repo, String subject) throws Exception {
    HttpResponse<String> reply = client.get("/v2/" + repo + "/referrers/" + subject);
    assertEquals(200, reply.statusCode(), reply::body);
    JsonArray manifests = new JsonObject(reply.body()).getJsonArray("manifests");
    return manifests.stream().map(JsonObject.class::cast).toList();
  }

  private static List<RegistryEvent> events(String repo) {
    return TestClients.registryEvents(cairn.audit(), cairn.config().topics().events(), cairn.url())
        .stream()
        .filter(e -> repo.equals(e.getRepository()))
        .toList();
  }

  private static RegistryEvent only(List<RegistryEvent> events, Predicate<RegistryEvent> which) {
    List<RegistryEvent> found = events.stream().filter(which).toList();
    assertEquals(1, found.size(), () -> "expected one of " + events);
    return found.get(0);
  }

  private static List<String> digests(List<?> entries) {
    return entries.stream()
        .map(e -> e instanceof AccessoryEntry a ? a.digest() : ((JsonObject) e).getString("digest"))
        .toList();
  }
}
