package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.DOCKER_CONFIG;
import static io.cairn.ops.conformance.OciClient.DOCKER_LAYER;
import static io.cairn.ops.conformance.OciClient.DOCKER_LIST;
import static io.cairn.ops.conformance.OciClient.DOCKER_MANIFEST;
import static io.cairn.ops.conformance.OciClient.OCI_CONFIG;
import static io.cairn.ops.conformance.OciClient.OCI_INDEX;
import static io.cairn.ops.conformance.OciClient.OCI_LAYER;
import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.descriptor;
import static io.cairn.ops.conformance.OciClient.digest;
import static io.cairn.ops.conformance.OciClient.imageManifest;
import static io.cairn.ops.conformance.OciClient.index;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.conformance.OciClient.Blob;
import io.cairn.ops.conformance.OciClient.Image;
import io.cairn.ops.conformance.OciClient.Reply;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Pushing manifests and indexes of every accepted media type (end-7). */
class ManifestPushConformanceTest extends ConformanceSuite {
  // ---- push: end-7 ----

  @Test
  @Order(27)
  void push_manifestByTagAndByDigest() {
    String repo = "library/push-manifest";
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"by\":\"tag\"}"));
    Blob layer = Blob.of(OCI_LAYER, bytes("layer for push-manifest"));
    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());

    byte[] byTag = bytes(imageManifest(OCI_MANIFEST, config, layer).encode());
    Reply tagged = oci.putManifest(repo, "v1", OCI_MANIFEST, byTag);
    assertEquals(201, tagged.status(), tagged::toString);
    assertEquals(digest(byTag), tagged.header("Docker-Content-Digest"));
    assertNotNull(tagged.header("Location"));
    assertEquals(200, oci.get(tagged.header("Location")).status());

    byte[] byDigest =
        bytes(
            imageManifest(OCI_MANIFEST, config, layer)
                .put("annotations", new JsonObject().put("pushed", "by digest"))
                .encode());
    String digest = digest(byDigest);
    Reply untagged = oci.putManifest(repo, digest, OCI_MANIFEST, byDigest);
    assertEquals(201, untagged.status(), untagged::toString);
    assertEquals(digest, untagged.header("Docker-Content-Digest"));
    assertTrue(untagged.header("Location").endsWith(digest), untagged::toString);
    assertArrayEquals(byDigest, oci.get("/v2/" + repo + "/manifests/" + digest).body());

    // Pushing the same bytes again is idempotent.
    Reply again = oci.putManifest(repo, "v1", OCI_MANIFEST, byTag);
    assertEquals(201, again.status(), again::toString);

    // Pushing other bytes to a tag moves it; the old manifest stays reachable by digest.
    oci.pushManifest(repo, "v1", OCI_MANIFEST, byDigest);
    assertArrayEquals(byDigest, oci.get("/v2/" + repo + "/manifests/v1").body());
    assertArrayEquals(byTag, oci.get("/v2/" + repo + "/manifests/" + digest(byTag)).body());
  }

  @Test
  @Order(28)
  void push_longestNameAndTagAreAccepted() {
    String repo = "library/" + "n".repeat(255 - "library/".length());
    String tag = "t".repeat(128);
    Image image = oci.pushImage(repo, tag, "longest");
    Reply get = oci.get("/v2/" + repo + "/manifests/" + tag);
    assertEquals(200, get.status(), get::toString);
    assertArrayEquals(image.manifest(), get.body());
    assertEquals(
        List.of(tag), strings(oci.get("/v2/" + repo + "/tags/list").json().getJsonArray("tags")));
  }

  /** A manifest just under the 4 MiB limit, its bulk in an annotation. */
  @Test
  @Order(28)
  void push_manifestJustUnderTheLimitIsAccepted() {
    String big = "library/push-big";
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"big\":true}"));
    oci.pushBlob(big, config.content());
    JsonObject manifest = imageManifest(OCI_MANIFEST, config);
    manifest.put(
        "annotations", new JsonObject().put("padding", "p".repeat(4 * 1024 * 1024 - 1024)));
    byte[] bytes = bytes(manifest.encode());
    assertTrue(bytes.length <= 4 * 1024 * 1024);
    String digest = oci.pushManifest(big, "big", OCI_MANIFEST, bytes);
    assertArrayEquals(bytes, oci.get("/v2/" + big + "/manifests/" + digest).body());
  }

  @Test
  @Order(29)
  void push_ociIndexAndDockerTypesAreAccepted() {
    String repo = "library/push-types";
    Image amd64 = oci.pushImage(repo, "amd64", "amd64");
    byte[] ociIndex =
        bytes(
            index(
                    OCI_INDEX,
                    descriptor(OCI_MANIFEST, amd64.digest(), amd64.size())
                        .put(
                            "platform",
                            new JsonObject().put("architecture", "amd64").put("os", "linux")))
                .encode());
    String indexDigest = oci.pushManifest(repo, "multi", OCI_INDEX, ociIndex);

    Blob config = Blob.of(DOCKER_CONFIG, bytes("{\"docker\":true}"));
    Blob layer = Blob.of(DOCKER_LAYER, bytes("docker layer"));
    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());
    byte[] docker = bytes(imageManifest(DOCKER_MANIFEST, config, layer).encode());
    String dockerDigest = oci.pushManifest(repo, "docker", DOCKER_MANIFEST, docker);
    byte[] list =
        bytes(
            index(
                    DOCKER_LIST,
                    descriptor(DOCKER_MANIFEST, dockerDigest, docker.length)
                        .put(
                            "platform",
                            new JsonObject().put("architecture", "arm64").put("os", "linux")))
                .encode());
    oci.pushManifest(repo, "docker-list", DOCKER_LIST, list);

    Map<String, String> expected =
        Map.of(
            "multi",
            OCI_INDEX,
            indexDigest,
            OCI_INDEX,
            "docker",
            DOCKER_MANIFEST,
            "docker-list",
            DOCKER_LIST);
    expected.forEach(
        (reference, type) -> {
          Reply get = oci.get("/v2/" + repo + "/manifests/" + reference);
          assertEquals(200, get.status(), get::toString);
          assertEquals(type, get.header("Content-Type"), reference);
        });
    assertArrayEquals(list, oci.get("/v2/" + repo + "/manifests/docker-list").body());
  }
}
