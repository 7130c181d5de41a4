package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.EMPTY_DIGEST;
import static io.cairn.ops.conformance.OciClient.OCI_CONFIG;
import static io.cairn.ops.conformance.OciClient.OCI_EMPTY;
import static io.cairn.ops.conformance.OciClient.OCI_INDEX;
import static io.cairn.ops.conformance.OciClient.OCI_LAYER;
import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.descriptor;
import static io.cairn.ops.conformance.OciClient.digest;
import static io.cairn.ops.conformance.OciClient.imageManifest;
import static io.cairn.ops.conformance.OciClient.index;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.conformance.OciClient.Blob;
import io.cairn.ops.conformance.OciClient.Image;
import io.cairn.ops.conformance.OciClient.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The referrers API (end-12), with and without its artifactType filter. */
class ReferrersConformanceTest extends ConformanceSuite {
  // ---- referrers: end-12a/b ----

  @Test
  @Order(50)
  void referrers_listAndFilterByArtifactType() {
    String repo = "library/referrers";
    Image subject = oci.pushImage(repo, "app", "subject");
    oci.pushBlob(repo, bytes("{}"));
    Artifact sbom =
        pushArtifact(repo, subject, "application/vnd.example.sbom.v1", "sbom", "kind", "sbom");
    Artifact signature =
        pushArtifact(repo, subject, "application/vnd.example.sig.v1", "sig", "kind", "signature");

    Reply all = oci.get("/v2/" + repo + "/referrers/" + subject.digest());
    assertEquals(200, all.status(), all::toString);
    assertEquals(OCI_INDEX, all.header("Content-Type"));
    JsonObject index = all.json();
    assertEquals(2, index.getInteger("schemaVersion"));
    assertEquals(OCI_INDEX, index.getString("mediaType"));
    JsonArray manifests = index.getJsonArray("manifests");
    assertEquals(2, manifests.size(), all::toString);
    assertReferrer(find(manifests, sbom.digest()), sbom, "sbom");
    assertReferrer(find(manifests, signature.digest()), signature, "signature");

    Reply filtered =
        oci.get(
            "/v2/"
                + repo
                + "/referrers/"
                + subject.digest()
                + "?artifactType="
                + "application/vnd.example.sbom.v1");
    assertEquals(200, filtered.status(), filtered::toString);
    assertEquals("artifactType", filtered.header("OCI-Filters-Applied"));
    JsonArray only = filtered.json().getJsonArray("manifests");
    assertEquals(1, only.size(), filtered::toString);
    assertEquals(sbom.digest(), only.getJsonObject(0).getString("digest"));

    Reply none = oci.get("/v2/" + repo + "/referrers/" + subject.digest() + "?artifactType=x/y");
    assertEquals("artifactType", none.header("OCI-Filters-Applied"));
    assertEquals(0, none.json().getJsonArray("manifests").size());

    // A deleted referrer is no longer listed.
    assertEquals(202, oci.delete("/v2/" + repo + "/manifests/" + signature.digest()).status());
    JsonArray left =
        oci.get("/v2/" + repo + "/referrers/" + subject.digest()).json().getJsonArray("manifests");
    assertEquals(1, left.size(), left::encode);
    assertEquals(sbom.digest(), left.getJsonObject(0).getString("digest"));
  }

  @Test
  @Order(51)
  void referrers_artifactTypeFallsBackToConfigMediaType() {
    String repo = "library/referrers-config";
    Image subject = oci.pushImage(repo, "app", "config-subject");
    Blob config = Blob.of("application/vnd.example.attestation.config.v1+json", bytes("{\"a\":1}"));
    Blob layer = Blob.of("application/vnd.example.attestation.v1", bytes("attested"));
    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());
    byte[] manifest =
        bytes(
            imageManifest(OCI_MANIFEST, config, layer)
                .put("subject", descriptor(OCI_MANIFEST, subject.digest(), subject.size()))
                .encode());
    String digest = oci.pushManifest(repo, digest(manifest), OCI_MANIFEST, manifest);

    JsonArray manifests =
        oci.get("/v2/" + repo + "/referrers/" + subject.digest()).json().getJsonArray("manifests");
    assertEquals(1, manifests.size());
    JsonObject entry = manifests.getJsonObject(0);
    assertEquals(digest, entry.getString("digest"));
    assertEquals(config.mediaType(), entry.getString("artifactType"));
  }

  @Test
  @Order(52)
  void referrers_unknownSubjectIsAnEmptyIndex() {
    oci.pushImage("library/referrers-none", "app", "lonely");
    Reply reply = oci.get("/v2/library/referrers-none/referrers/" + OciClient.randomDigest());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(OCI_INDEX, reply.header("Content-Type"));
    assertEquals(0, reply.json().getJsonArray("manifests").size());
  }

  @Test
  @Order(53)
  void referrers_referrerMayComeBeforeItsSubject() {
    String repo = "library/referrers-early";
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"seed\":\"early subject\"}"));
    Blob layer = Blob.of(OCI_LAYER, bytes("layer of early subject"));
    byte[] subjectBytes = bytes(imageManifest(OCI_MANIFEST, config, layer).encode());
    Image subject = new Image(digest(subjectBytes), subjectBytes);
    oci.pushBlob(repo, bytes("{}"));

    Artifact early =
        pushArtifact(repo, subject, "application/vnd.example.early.v1", "early", "when", "before");
    assertEquals(
        1,
        oci.get("/v2/" + repo + "/referrers/" + subject.digest())
            .json()
            .getJsonArray("manifests")
            .size());

    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());
    oci.pushManifest(repo, "app", OCI_MANIFEST, subjectBytes);
    JsonArray after =
        oci.get("/v2/" + repo + "/referrers/" + subject.digest()).json().getJsonArray("manifests");
    assertEquals(1, after.size());
    assertReferrer(after.getJsonObject(0), early, "before");
  }

  // ---- helpers ----

  private record Artifact(String digest, long size, String artifactType) {}

  /** An OCI 1.1 artifact: empty config, one layer, a subject, one annotation. */
  private static Artifact pushArtifact(
      String repo, Image subject, String artifactType, String payload, String key, String value) {
    Blob layer = Blob.of("application/octet-stream", bytes(payload + " of " + subject.digest()));
    oci.pushBlob(repo, layer.content());
    JsonObject manifest =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", OCI_MANIFEST)
            .put("artifactType", artifactType)
            .put("config", descriptor(OCI_EMPTY, EMPTY_DIGEST, 2))
            .put("layers", new JsonArray().add(layer.descriptor()))
            .put("subject", descriptor(OCI_MANIFEST, subject.digest(), subject.size()))
            .put("annotations", new JsonObject().put("org.example." + key, value));
    byte[] bytes = bytes(manifest.encode());
    String digest = digest(bytes);
    Reply reply = oci.putManifest(repo, digest, OCI_MANIFEST, bytes);
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(subject.digest(), reply.header("OCI-Subject"), reply::toString);
    return new Artifact(digest, bytes.length, artifactType);
  }

  private static void assertReferrer(JsonObject entry, Artifact artifact, String value) {
    assertNotNull(entry, "referrer " + artifact.digest() + " listed");
    assertEquals(OCI_MANIFEST, entry.getString("mediaType"));
    assertEquals(artifact.digest(), entry.getString("digest"));
    assertEquals(artifact.size(), entry.getLong("size"));
    assertEquals(artifact.artifactType(), entry.getString("artifactType"));
    JsonObject annotations = entry.getJsonObject("annotations");
    assertNotNull(annotations, entry::encode);
    assertTrue(annotations.getMap().containsValue(value), entry::encode);
  }
}
