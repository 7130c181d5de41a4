package io.cairn.ops.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OCI image layout that a client wrote (e.g. {@code skopeo copy … oci:<dir>:<tag>}), to
 * compare what came back with what {@link OciLayoutWriter} sent.
 */
public final class OciLayoutReader {
  private final Path dir;

  public OciLayoutReader(Path dir) {
    this.dir = dir;
  }

  /** The descriptor {@code index.json} names {@code tag} with; throws if there is none. */
  public JsonObject descriptor(String tag) throws IOException {
    for (Object entry : index().getJsonArray("manifests")) {
      JsonObject descriptor = (JsonObject) entry;
      JsonObject annotations = descriptor.getJsonObject("annotations");
      if (annotations != null && tag.equals(annotations.getString(OciLayoutWriter.REF_NAME))) {
        return descriptor;
      }
    }
    throw new AssertionError("no tag " + tag + " in " + dir.resolve("index.json"));
  }

  /** The digest of the manifest or index under {@code tag}. */
  public String digestOf(String tag) throws IOException {
    return descriptor(tag).getString("digest");
  }

  /** Every tag in {@code index.json}, in its order. */
  public List<String> tags() throws IOException {
    List<String> tags = new ArrayList<>();
    for (Object entry : index().getJsonArray("manifests")) {
      JsonObject annotations = ((JsonObject) entry).getJsonObject("annotations");
      if (annotations != null && annotations.getString(OciLayoutWriter.REF_NAME) != null) {
        tags.add(annotations.getString(OciLayoutWriter.REF_NAME));
      }
    }
    return tags;
  }

  /** A blob's bytes; throws NoSuchFileException if the layout lacks it. */
  public byte[] blob(String digest) throws IOException {
    return Files.readAllBytes(OciLayoutWriter.blobPath(dir, digest));
  }

  public JsonObject index() throws IOException {
    return new JsonObject(Files.readString(dir.resolve("index.json")));
  }
}
