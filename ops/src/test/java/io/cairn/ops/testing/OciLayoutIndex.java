package io.cairn.ops.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An OCI image index over single-platform images (a multi-arch image), built in memory. */
public record OciLayoutIndex(OciLayoutBlob index, List<OciLayoutImage> images) {
  public static final String INDEX = "application/vnd.oci.image.index.v1+json";

  public OciLayoutIndex {
    images = List.copyOf(images);
  }

  public static OciLayoutIndex of(List<OciLayoutImage> images) {
    JsonArray manifests = new JsonArray();
    images.forEach(i -> manifests.add(i.indexEntry()));
    JsonObject json =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", INDEX)
            .put("manifests", manifests);
    return new OciLayoutIndex(OciLayoutBlob.json(INDEX, json), images);
  }

  /** linux/amd64 and linux/arm64 images of the same seed and size (different content). */
  public static OciLayoutIndex twoPlatforms(long seed, int kib) {
    return of(
        List.of(
            OciLayoutImage.generated(seed, kib, 2, "amd64"),
            OciLayoutImage.generated(seed, kib, 2, "arm64")));
  }

  /** The index's digest, {@code sha256:<hex>}. */
  public String digest() {
    return index.digest();
  }
}
