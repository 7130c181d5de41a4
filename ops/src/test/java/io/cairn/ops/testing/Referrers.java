package io.cairn.ops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.oci.Digest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Artifacts that refer to a subject, pushed the OCI 1.1 way (by digest, with a subject). */
public final class Referrers {
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private Referrers() {}

  /**
   * Pushes an artifact of {@code artifactType} with one layer holding {@code content} and an empty
   * config; returns its digest. The layer has the media type the artifact type's tool writes (a
   * Notation signature's envelope is JWS), so the push is classified as that tool's would be. The
   * subject must be in {@code repo} already (its descriptor gives its size). Fails the test unless
   * the PUT answers 201.
   */
  public static String push(
      RegistryClient client, String repo, String subject, String artifactType, String content)
      throws Exception {
    Digest layer = client.pushBlob(repo, content.getBytes(StandardCharsets.UTF_8));
    Digest empty = client.pushBlob(repo, "{}".getBytes(StandardCharsets.UTF_8));
    JsonObject manifest =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", MANIFEST)
            .put("artifactType", artifactType)
            .put("config", descriptor("application/vnd.oci.empty.v1+json", empty.toString(), 2))
            .put(
                "layers",
                new JsonArray()
                    .add(descriptor(layerType(artifactType), layer.toString(), content.length())))
            .put("subject", descriptor(MANIFEST, subject, sizeOf(client, repo, subject)));
    byte[] bytes = manifest.encode().getBytes(StandardCharsets.UTF_8);
    String digest = Digest.sha256(bytes).toString();
    var put = client.putManifest(repo, digest, MANIFEST, bytes);
    assertEquals(201, put.statusCode(), put::body);
    return digest;
  }

  /** The subject's size as the registry serves it: the descriptor must say it truly. */
  private static long sizeOf(RegistryClient client, String repo, String subject) throws Exception {
    var got = client.getManifest(repo, subject);
    assertEquals(200, got.statusCode(), () -> "the subject " + subject + " of a referrer");
    return got.body().length;
  }

  private static String layerType(String artifactType) {
    if (artifactType.equals("application/vnd.cncf.notary.signature")) {
      return "application/jose+json";
    }
    return artifactType.startsWith("application/vnd.dev.sigstore.bundle")
        ? artifactType
        : "application/octet-stream";
  }

  private static JsonObject descriptor(String mediaType, String digest, long size) {
    return new JsonObject().put("mediaType", mediaType).put("digest", digest).put("size", size);
  }
}
