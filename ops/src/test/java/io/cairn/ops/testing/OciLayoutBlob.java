package io.cairn.ops.testing;

import io.cairn.oci.Digest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One content-addressed blob of an image: its media type and exact bytes. Equality is identity
 * (records compare arrays by reference); compare {@link #digest()} instead.
 */
public record OciLayoutBlob(String mediaType, byte[] bytes) {

  /** A JSON blob: the bytes are {@code json.encode()}, compact, keys in insertion order. */
  public static OciLayoutBlob json(String mediaType, JsonObject json) {
    return new OciLayoutBlob(mediaType, json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code sha256:<hex>} */
  public String digest() {
    return Digest.sha256(bytes).toString();
  }

  public long size() {
    return bytes.length;
  }

  /** An OCI descriptor of this blob: mediaType, digest, size. */
  public JsonObject descriptor() {
    return new JsonObject().put("mediaType", mediaType).put("digest", digest()).put("size", size());
  }

  @Override
  public String toString() {
    return mediaType + " " + digest() + " (" + size() + " bytes)";
  }
}
