package io.cairn.replication.copy;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.replication.oci.OciClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the accessories of a manifest in one repository of one registry: the referrers API when the
 * registry serves it, else the referrers tag-schema index, and in both cases cosign's tag scheme
 * ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}).
 */
final class Accessories {
  /** Cosign's tag-scheme suffixes, in the order cosign documents them. */
  static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  /** One accessory: found by digest, and for cosign's scheme also the tag it goes under. */
  record Found(Digest digest, String cosignTag) {}

  private final OciClient client;
  private final ReferrersTagIndex tagIndex;

  /**
   * Repositories known to have no referrers API: asked once, since a registry either serves it or
   * not, and each 404 costs a round trip per manifest of a closure.
   */
  private final Set<String> withoutReferrersApi = ConcurrentHashMap.newKeySet();

  Accessories(OciClient client) {
    this.client = client;
    this.tagIndex = new ReferrersTagIndex(client);
  }

  /** Direct accessories of {@code subject}, each once, referrers first then cosign tags. */
  List<Found> of(String repo, Digest subject) throws IOException {
    Set<Digest> seen = new LinkedHashSet<>();
    List<Found> out = new ArrayList<>();
    Optional<List<Descriptor>> referrers =
        withoutReferrersApi.contains(repo)
            ? Optional.empty()
            : client.referrers(repo, subject.toString());
    if (referrers.isEmpty()) {
      withoutReferrersApi.add(repo);
    }
    List<Descriptor> listed =
        referrers.isPresent() ? referrers.get() : tagIndex.read(repo, subject);
    for (Descriptor d : listed) {
      if (seen.add(d.digest())) {
        out.add(new Found(d.digest(), null));
      }
    }
    for (String suffix : COSIGN_SUFFIXES) {
      String tag = ReferrersTagIndex.tagFor(subject) + suffix;
      Optional<Descriptor> head = client.headManifest(repo, tag);
      if (head.isPresent()) {
        // A digest listed by referrers and also tagged still needs its tag at the target.
        out.removeIf(f -> f.digest().equals(head.get().digest()));
        seen.add(head.get().digest());
        out.add(new Found(head.get().digest(), tag));
      }
    }
    return out;
  }
}
