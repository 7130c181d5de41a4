package io.cairn.replication.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.MediaTypes;
import io.cairn.oci.OciException;
import io.cairn.replication.oci.Manifest;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The referrers tag schema of the distribution spec (v1.1, "referrers tag schema"): for a registry
 * without the referrers API, tag {@code sha256-<hex>} of the subject holds an image index listing
 * the manifests whose {@code subject} is that digest, so OCI 1.1 clients still find them.
 *
 * <p>Updates read, merge and write back; they are not atomic at the registry, so one writer per
 * repository at a time (a Connect task's thread) is assumed.
 */
public final class ReferrersTagIndex {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OciClient client;

  public ReferrersTagIndex(OciClient client) {
    this.client = client;
  }

  /** {@code sha256-<hex>}: the tag of the index for {@code subject}. */
  public static String tagFor(Digest subject) {
    return subject.algorithm() + "-" + subject.hex();
  }

  /** The entries listed for {@code subject}; empty when there is no index (or it is not one). */
  public List<Descriptor> read(String repo, Digest subject) throws IOException {
    return current(repo, subject).map(io.cairn.oci.Manifest::manifests).orElse(List.of());
  }

  /** Adds {@code entry} unless an entry of that digest is there; true when it wrote. */
  public boolean add(String repo, Digest subject, Descriptor entry) throws IOException {
    List<Descriptor> entries = new ArrayList<>(read(repo, subject));
    if (entries.stream().anyMatch(e -> e.digest().equals(entry.digest()))) {
      return false;
    }
    entries.add(entry);
    write(repo, subject, entries);
    return true;
  }

  /**
   * Removes the entry of {@code entry}; true when it wrote. An index left empty stays as an empty
   * index: deleting it by digest would also untag every other subject's empty index.
   */
  public boolean remove(String repo, Digest subject, Digest entry) throws IOException {
    List<Descriptor> entries = new ArrayList<>(read(repo, subject));
    if (!entries.removeIf(e -> e.digest().equals(entry))) {
      return false;
    }
    write(repo, subject, entries);
    return true;
  }

  /**
   * Deletes the index of {@code subject} (when the subject itself goes); true when it was there.
   */
  public boolean delete(String repo, Digest subject) throws IOException {
    Optional<Descriptor> head = client.headManifest(repo, tagFor(subject));
    return head.isPresent() && client.deleteManifest(repo, head.get().digest().toString());
  }

  /** The bytes of an index listing {@code entries}, as this class writes it. */
  static byte[] render(List<Descriptor> entries) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = root.putArray("manifests");
    for (Descriptor d : entries) {
      ObjectNode node = manifests.addObject();
      node.put("mediaType", d.mediaType());
      node.put("digest", d.digest().toString());
      node.put("size", d.size());
      if (d.artifactType() != null) {
        node.put("artifactType", d.artifactType());
      }
      if (!d.annotations().isEmpty()) {
        ObjectNode annotations = node.putObject("annotations");
        for (Map.Entry<String, String> a : d.annotations().entrySet()) {
          annotations.put(a.getKey(), a.getValue());
        }
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  private void write(String repo, Digest subject, List<Descriptor> entries) throws IOException {
    client.putManifest(repo, tagFor(subject), MediaTypes.OCI_INDEX, render(entries));
  }

  private Optional<io.cairn.oci.Manifest> current(String repo, Digest subject) throws IOException {
    Manifest fetched;
    try {
      fetched = client.getManifest(repo, tagFor(subject));
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    try {
      io.cairn.oci.Manifest parsed = fetched.parse();
      return parsed.isIndex() ? Optional.of(parsed) : Optional.empty();
    } catch (OciException notAManifest) {
      return Optional.empty();
    }
  }
}
