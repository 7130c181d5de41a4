package io.cairn.ops.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an OCI image layout (image-spec {@code image-layout.md}) that skopeo, umoci and other
 * clients read as {@code oci:<dir>:<tag>}:
 *
 * <pre>
 * dir/
 * ├── oci-layout         {"imageLayoutVersion":"1.0.0"}
 * ├── index.json         one entry per tag, named by org.opencontainers.image.ref.name
 * └── blobs/sha256/<hex> manifests, indexes, configs and layers
 * </pre>
 *
 * <p>Images come from {@link OciLayoutImage} and {@link OciLayoutIndex}; all content is
 * deterministic. {@code index.json} is rewritten after every tag, so the directory is a valid
 * layout between calls. Not thread-safe.
 */
public final class OciLayoutWriter {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final Path dir;
  private final Map<String, OciLayoutBlob> tags = new LinkedHashMap<>();

  private OciLayoutWriter(Path dir) {
    this.dir = dir;
  }

  /** Starts a layout in {@code dir} (created if missing), with no tags yet. */
  public static OciLayoutWriter create(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    OciLayoutWriter writer = new OciLayoutWriter(dir);
    writer.writeIndex();
    return writer;
  }

  /** {@code dir} holding one image under {@code tag}. */
  public static OciLayoutImage write(Path dir, String tag, OciLayoutImage image)
      throws IOException {
    create(dir).tag(tag, image);
    return image;
  }

  /** Stores the image's blobs and points {@code tag} at its manifest (replacing any old one). */
  public OciLayoutWriter tag(String tag, OciLayoutImage image) throws IOException {
    for (OciLayoutBlob blob : image.blobs()) {
      put(blob);
    }
    put(image.manifest());
    tags.put(tag, image.manifest());
    writeIndex();
    return this;
  }

  /** Stores every image of the index and the index itself, and points {@code tag} at it. */
  public OciLayoutWriter tag(String tag, OciLayoutIndex index) throws IOException {
    for (OciLayoutImage image : index.images()) {
      for (OciLayoutBlob blob : image.blobs()) {
        put(blob);
      }
      put(image.manifest());
    }
    put(index.index());
    tags.put(tag, index.index());
    writeIndex();
    return this;
  }

  public Path dir() {
    return dir;
  }

  /** {@code oci:<dir>:<tag>}, the skopeo reference to a tag of this layout. */
  public String reference(String tag) {
    return "oci:" + dir.toAbsolutePath() + ":" + tag;
  }

  /** Where a blob lives in a layout. */
  public static Path blobPath(Path dir, String digest) {
    String[] parts = digest.split(":", 2);
    return dir.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
  }

  private void put(OciLayoutBlob blob) throws IOException {
    Path path = blobPath(dir, blob.digest());
    if (!Files.exists(path)) {
      Files.write(path, blob.bytes());
    }
  }

  private void writeIndex() throws IOException {
    JsonArray manifests = new JsonArray();
    tags.forEach(
        (tag, blob) ->
            manifests.add(
                blob.descriptor().put("annotations", new JsonObject().put(REF_NAME, tag))));
    JsonObject index =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", OciLayoutIndex.INDEX)
            .put("manifests", manifests);
    Path tmp = dir.resolve("index.json.tmp");
    Files.writeString(tmp, index.encode());
    Files.move(tmp, dir.resolve("index.json"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** The tags written so far, in order. */
  public List<String> tags() {
    return List.copyOf(tags.keySet());
  }
}
