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
public final class Accessories implements AccessoryFinder {
  /** Cosign's tag-scheme suffixes, in the order cosign documents them. */
  static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  private final OciClient client;
  private final ReferrersTagIndex tagIndex;

  /**
   * Repositories known to have no referrers API: asked once, since a registry either serves it or
   * not, and each 404 costs a round trip per manifest of a closure.
   */
  private final Set<String> withoutReferrersApi = ConcurrentHashMap.newKeySet();

  public Accessories(OciClient client) {
    this.client = client;
    this.tagIndex = new ReferrersTagIndex(client);
  }

  /**
   * Direct accessories of {@code subject}, each once, referrers first then cosign tags. The
   * referrers query and the cosign tag HEADs go at once ({@link Fanout}).
   */
  @Override
  public List<Found> of(String repo, Digest subject) throws IOException {
    List<Fanout.Request<List<Found>>> lookups = new ArrayList<>();
    lookups.add(() -> listed(repo, subject));
    for (String suffix : COSIGN_SUFFIXES) {
      String tag = ReferrersTagIndex.tagFor(subject) + suffix;
      lookups.add(
          () ->
              client
                  .headManifest(repo, tag)
                  .map(d -> List.of(new Found(d.digest(), tag)))
                  .orElse(List.of()));
    }
    List<List<Found>> answers = Fanout.all(lookups);
    Set<Digest> seen = new LinkedHashSet<>();
    List<Found> out = new ArrayList<>();
    for (Found f : answers.get(0)) {
      if (seen.add(f.digest())) {
        out.add(f);
      }
    }
    for (List<Found> tagged : answers.subList(1, answers.size())) {
      for (Found f : tagged) {
        // A digest listed by referrers and also tagged still needs its tag at the target.
        out.removeIf(listed -> listed.digest().equals(f.digest()));
        out.add(f);
      }
    }
    return out;
  }

  /** What the referrers API lists, or where the registry has none, the tag-schema index. */
  private List<Found> listed(String repo, Digest subject) throws IOException {
    Optional<List<Descriptor>> referrers =
        withoutReferrersApi.contains(repo)
            ? Optional.empty()
            : client.referrers(repo, subject.toString());
    if (referrers.isEmpty()) {
      withoutReferrersApi.add(repo);
    }
    List<Descriptor> listed =
        referrers.isPresent() ? referrers.get() : tagIndex.read(repo, subject);
    return listed.stream().map(d -> new Found(d.digest(), null)).toList();
  }
}
