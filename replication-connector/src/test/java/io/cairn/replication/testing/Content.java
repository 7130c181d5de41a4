package io.cairn.replication.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.MediaTypes;
import io.cairn.replication.oci.Manifest;
import io.cairn.replication.oci.OciClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds test content in a registry with the client under test: images, cosign tag-scheme
 * signatures, OCI 1.1 referrers (SBOMs), indexes. Content need not verify; it has the shapes real
 * tools push.
 */
public final class Content {
  public static final String COSIGN_LAYER = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SBOM_TYPE = "application/spdx+json";
  public static final String NOTATION_TYPE = "application/vnd.cncf.notary.signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OciClient client;
  private final String repo;

  public Content(OciClient client, String repo) {
    this.client = client;
    this.repo = repo;
  }

  public Descriptor blob(String mediaType, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    client.putBlob(repo, d.toString(), bytes.length, new ByteArrayInputStream(bytes));
    return new Descriptor(mediaType, d, bytes.length, null, null);
  }

  /** An image: a config naming {@code name} and one layer per given content. */
  public Manifest image(String name, String... layers) throws IOException {
    Descriptor config =
        blob(
            "application/vnd.oci.image.config.v1+json",
            ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"name\":\"" + name + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    List<Descriptor> ls = new java.util.ArrayList<>();
    for (String layer : layers) {
      ls.add(
          blob(
              "application/vnd.oci.image.layer.v1.tar+gzip",
              layer.getBytes(StandardCharsets.UTF_8)));
    }
    return push(manifest(config, ls, null, null, Map.of()), null);
  }

  /** Cosign's tag scheme: {@code sha256-<hex>.sig}, one simple-signing layer per signature. */
  public Manifest cosignSignature(Digest subject, String signer) throws IOException {
    String payload =
        "{\"critical\":{\"identity\":{\"docker-reference\":\""
            + repo
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + subject
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"signer\":\""
            + signer
            + "\"}}";
    Descriptor layer = blob(COSIGN_LAYER, payload.getBytes(StandardCharsets.UTF_8));
    layer =
        new Descriptor(
            layer.mediaType(),
            layer.digest(),
            layer.size(),
            null,
            Map.of(
                "dev.cosignproject.cosign/signature",
                Base64.getEncoder()
                    .encodeToString(("sig-" + signer).getBytes(StandardCharsets.UTF_8))));
    Descriptor config =
        blob("application/vnd.oci.image.config.v1+json", "{}".getBytes(StandardCharsets.UTF_8));
    return push(
        manifest(config, List.of(layer), null, null, Map.of()),
        subject.algorithm() + "-" + subject.hex() + ".sig");
  }

  /** An OCI 1.1 referrer of {@code subject} (pushed by digest; the caller keeps any index). */
  public Manifest referrer(Manifest subject, String artifactType, String body) throws IOException {
    Descriptor config = blob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
    Descriptor layer = blob(artifactType, body.getBytes(StandardCharsets.UTF_8));
    Descriptor subj =
        new Descriptor(subject.mediaType(), subject.digest(), subject.bytes().length, null, null);
    return push(
        manifest(
            config,
            List.of(layer),
            subj,
            artifactType,
            Map.of("org.opencontainers.image.created", "2026-12-05T00:00:00Z")),
        null);
  }

  /** An index of the given children (pushed before), tagged {@code tag} when not null. */
  public Manifest index(String tag, List<Manifest> children) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = root.putArray("manifests");
    String[] arch = {"amd64", "arm64", "s390x"};
    for (int i = 0; i < children.size(); i++) {
      Manifest c = children.get(i);
      ObjectNode n = manifests.addObject();
      n.put("mediaType", c.mediaType());
      n.put("digest", c.digest().toString());
      n.put("size", c.bytes().length);
      n.putObject("platform").put("architecture", arch[i % arch.length]).put("os", "linux");
    }
    return push(new Manifest(null, MediaTypes.OCI_INDEX, JSON.writeValueAsBytes(root)), tag);
  }

  /** Pushes by digest, then under {@code tag} when not null; the manifest with its digest. */
  public Manifest push(Manifest unsent, String tag) throws IOException {
    Digest d = Digest.sha256(unsent.bytes());
    client.putManifest(repo, d.toString(), unsent.mediaType(), unsent.bytes());
    if (tag != null) {
      client.putManifest(repo, tag, unsent.mediaType(), unsent.bytes());
    }
    return new Manifest(d, unsent.mediaType(), unsent.bytes());
  }

  public static Manifest manifest(
      Descriptor config,
      List<Descriptor> layers,
      Descriptor subject,
      String artifactType,
      Map<String, String> annotations)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_MANIFEST);
    if (artifactType != null) {
      root.put("artifactType", artifactType);
    }
    root.set("config", descriptor(config));
    ArrayNode ls = root.putArray("layers");
    layers.forEach(l -> ls.add(descriptor(l)));
    if (subject != null) {
      root.set("subject", descriptor(subject));
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = root.putObject("annotations");
      annotations.forEach(a::put);
    }
    return new Manifest(null, MediaTypes.OCI_MANIFEST, JSON.writeValueAsBytes(root));
  }

  /** {@code m} as an entry of a referrers list: with its artifact type and annotations. */
  public static Descriptor referrerEntry(Manifest m) {
    io.cairn.oci.Manifest parsed = m.parse();
    return new Descriptor(
        m.mediaType(),
        m.digest(),
        m.bytes().length,
        parsed.effectiveArtifactType(),
        parsed.annotations());
  }

  private static ObjectNode descriptor(Descriptor d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().toString());
    n.put("size", d.size());
    if (!d.annotations().isEmpty()) {
      ObjectNode a = n.putObject("annotations");
      d.annotations().forEach(a::put);
    }
    return n;
  }
}
