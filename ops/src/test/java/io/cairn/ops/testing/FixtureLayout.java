package io.cairn.ops.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An OCI image layout of the signature fixtures, pushed byte for byte: a manifest's config and
 * layers as blobs, then the manifest's exact bytes, as the signing client wrote them.
 */
public final class FixtureLayout {
  private final Path root;
  private final JsonArray index;

  private FixtureLayout(Path root) throws IOException {
    this.root = root;
    this.index =
        new JsonObject(Files.readString(root.resolve("index.json"))).getJsonArray("manifests");
  }

  /** The cosign fixtures copied into the test resources. */
  public static FixtureLayout cosign() {
    try {
      return new FixtureLayout(cosignRoot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the cosign layout is on disk, for clients that read OCI layouts (skopeo, umoci). */
  public static Path cosignRoot() {
    try {
      return Path.of(FixtureLayout.class.getResource("/fixtures/cosign/index.json").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A layout on disk, e.g. under {@code ../shared/fixtures}. */
  public static FixtureLayout at(Path root) throws IOException {
    return new FixtureLayout(root);
  }

  /** The digest of the manifest whose {@code org.opencontainers.image.ref.name} is {@code ref}. */
  public String digestOf(String ref) {
    for (int i = 0; i < index.size(); i++) {
      JsonObject entry = index.getJsonObject(i);
      JsonObject annotations = entry.getJsonObject("annotations", new JsonObject());
      if (ref.equals(annotations.getString("org.opencontainers.image.ref.name"))) {
        return entry.getString("digest");
      }
    }
    throw new IllegalArgumentException("no " + ref + " in " + root);
  }

  public byte[] blob(String digest) {
    try {
      return Files.readAllBytes(root.resolve("blobs/sha256").resolve(digest.substring(7)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pushes the manifest named {@code ref} in the layout to {@code repository} under {@code
   * reference} (a tag or its digest), with its blobs first; returns the manifest PUT's response.
   */
  public HttpResponse<String> push(
      RegistryClient client, String ref, String repository, String reference)
      throws IOException, InterruptedException {
    byte[] manifest = blob(digestOf(ref));
    JsonObject json = new JsonObject(new String(manifest, java.nio.charset.StandardCharsets.UTF_8));
    JsonObject config = json.getJsonObject("config");
    if (config != null) {
      client.pushBlob(repository, blob(config.getString("digest")));
    }
    JsonArray layers = json.getJsonArray("layers", new JsonArray());
    for (int i = 0; i < layers.size(); i++) {
      client.pushBlob(repository, blob(layers.getJsonObject(i).getString("digest")));
    }
    return client.putManifest(repository, reference, json.getString("mediaType"), manifest);
  }

  /**
   * Pushes image {@code name:v1} to {@code repository} under {@code tag}, then its cosign signature
   * ({@code name:sha256-<hex>.sig} in the layout) under its cosign tag; returns the image's digest.
   * Fails the test unless both PUTs answer 201.
   */
  public String pushSigned(RegistryClient client, String name, String repository, String tag)
      throws IOException, InterruptedException {
    String digest = digestOf(name + ":v1");
    String signature = "sha256-" + digest.substring("sha256:".length()) + ".sig";
    RegistryClient.expect(201, push(client, name + ":v1", repository, tag));
    RegistryClient.expect(201, push(client, name + ":" + signature, repository, signature));
    return digest;
  }
}
