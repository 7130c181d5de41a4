package io.cairn.ops.accessories;

import static io.cairn.ops.accessories.AccessoriesTest.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Referrers;
import io.cairn.projection.AccessoryEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of accessory, pushed the way its client pushes it, gets its type. */
class AccessoryTypesTest extends AccessorySuite {
  static final Path NOTATION = Path.of("../../shared/fixtures/notation/layout");

  @Test
  void notationSignaturesInBothFormsAreReferrersAndAccessories() throws Exception {
    assumeTrue(
        Files.isDirectory(NOTATION),
        "skipped: " + NOTATION.toAbsolutePath().normalize() + " is absent (a plain clone)");
    FixtureLayout notation = FixtureLayout.at(NOTATION);
    String repo = "library/e2e";
    String subject = notation.digestOf("e2e:v1");
    expect201(notation.push(client, "e2e:v1", repo, "v1"));
    for (String form :
        List.of("variant/e2e-sig-oci-1.1-form", "variant/e2e-sig-notation-1.0-form")) {
      String digest = notation.digestOf(form);
      HttpResponse<String> put = notation.push(client, form, repo, digest);
      expect201(put);
      assertEquals(subject, put.headers().firstValue("OCI-Subject").orElse(null));
    }

    List<JsonObject> referrers = referrers(repo, subject);
    assertEquals(2, referrers.size(), referrers::toString);
    for (JsonObject referrer : referrers) {
      assertEquals("application/vnd.cncf.notary.signature", referrer.getString("artifactType"));
    }
    List<AccessoryEntry> accessories = cairn.cairn().view().accessories(repo, subject);
    assertEquals(2, accessories.size());
    assertTrue(
        accessories.stream().allMatch(a -> a.type().equals("signature.notation") && a.referrer()));
  }

  @Test
  void everyAccessoryTypeIsRecognisedOnPush() throws Exception {
    String repo = "library/types";
    pushApp(repo);
    String hex = APP.substring(7);
    String att =
        pushTagged(
            repo, "sha256-" + hex + ".att", "application/vnd.dsse.envelope.v1+json", null, null);
    String sbom = pushTagged(repo, "sha256-" + hex + ".sbom", "text/spdx", null, null);
    String nydus =
        pushTagged(
            repo,
            "v1-nydus",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            new JsonObject().put("containerd.io/snapshot/nydus-bootstrap", "true"),
            APP);
    String bundle =
        Referrers.push(
            client, repo, APP, "application/vnd.dev.sigstore.bundle.v0.3+json", "slsa bundle");
    String other = Referrers.push(client, repo, APP, "application/vnd.example.report", "report");
    // Not pushed with a subject, but listed in a referrers tag-schema index of APP, claiming to be
    // a Notation signature: being listed there makes nothing an accessory.
    String listed = pushTagged(repo, "loose", "application/octet-stream", null, null);
    JsonObject index =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.index.v1+json")
            .put(
                "manifests",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                            .put("digest", listed)
                            .put("size", client.getManifest(repo, listed).body().length)
                            .put("artifactType", "application/vnd.cncf.notary.signature")));
    expect201(
        client.putManifest(
            repo,
            "sha256-" + hex,
            "application/vnd.oci.image.index.v1+json",
            index.encode().getBytes(StandardCharsets.UTF_8)));

    Map<String, String> types = new java.util.HashMap<>();
    cairn.cairn().view().accessories(repo, APP).forEach(a -> types.put(a.digest(), a.type()));
    assertEquals(
        Map.of(
            att, "attestation.cosign",
            sbom, "sbom.cosign",
            nydus, "accelerator.nydus",
            bundle, "attestation.cosign",
            other, "subject.accessory"),
        types);
  }

  private static List<JsonObject> referrers(String repo, String subject) throws Exception {
    HttpResponse<String> reply = client.get("/v2/" + repo + "/referrers/" + subject);
    assertEquals(200, reply.statusCode(), reply::body);
    return new JsonObject(reply.body())
        .getJsonArray("manifests").stream().map(JsonObject.class::cast).toList();
  }

  /** An image manifest of one layer of {@code layerType}, pushed under {@code tag}. */
  private static String pushTagged(
      String repo, String tag, String layerType, JsonObject layerAnnotations, String subject)
      throws Exception {
    Digest layer = client.pushBlob(repo, (tag + " layer").getBytes(StandardCharsets.UTF_8));
    byte[] configBytes =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    Digest config = client.pushBlob(repo, configBytes);
    JsonObject layerJson =
        new JsonObject()
            .put("mediaType", layerType)
            .put("digest", layer.toString())
            .put("size", (tag + " layer").length());
    if (layerAnnotations != null) {
      layerJson.put("annotations", layerAnnotations);
    }
    JsonObject manifest =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
            .put(
                "config",
                new JsonObject()
                    .put("mediaType", "application/vnd.oci.image.config.v1+json")
                    .put("digest", config.toString())
                    .put("size", configBytes.length))
            .put("layers", new JsonArray().add(layerJson));
    if (subject != null) {
      manifest.put(
          "subject",
          new JsonObject()
              .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
              .put("digest", subject)
              .put("size", 402));
    }
    byte[] bytes = manifest.encode().getBytes(StandardCharsets.UTF_8);
    expect201(client.putManifest(repo, tag, "application/vnd.oci.image.manifest.v1+json", bytes));
    return Digest.sha256(bytes).toString();
  }
}
