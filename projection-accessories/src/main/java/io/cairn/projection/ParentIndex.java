package io.cairn.projection;

import java.util.ArrayList;
import java.util.List;

/**
 * The children of the indexes of {@link Store#MANIFESTS} seen from the child ({@link
 * Store#PARENTS}): which indexes of its repository list a manifest. Kept by the fold as indexes are
 * pushed and deleted; an index's children never change, since its digest is its content.
 */
final class ParentIndex {
  static final DerivedIndex INDEX =
      new DerivedIndex(Store.PARENTS, Store.MANIFESTS, ParentIndex::entriesOf);

  private ParentIndex() {}

  /** Index {@code parent} of {@code repo}, listing {@code children}, is pushed. */
  static List<Change> listed(String repo, String parent, List<String> children) {
    List<Change> changes = new ArrayList<>(children.size());
    for (String child : children) {
      changes.add(new Change.Put(Store.PARENTS, Store.key(repo, child, parent), ""));
    }
    return changes;
  }

  /** Index {@code parent} of {@code repo}, listing {@code children}, is deleted. */
  static List<Change> unlisted(String repo, String parent, List<String> children) {
    List<Change> changes = new ArrayList<>(children.size());
    for (String child : children) {
      changes.add(new Change.Delete(Store.PARENTS, Store.key(repo, child, parent)));
    }
    return changes;
  }

  /** The index entries of one {@link Store#MANIFESTS} row ({@code repo SEP digest} → entry). */
  static List<Change> entriesOf(String manifestsKey, String json) {
    int sep = manifestsKey.indexOf(Store.SEP);
    ManifestEntry entry = EntryCodec.decode(json, ManifestEntry.class);
    if (sep < 0 || entry == null || entry.children().isEmpty()) {
      return List.of();
    }
    return listed(manifestsKey.substring(0, sep), entry.digest(), entry.children());
  }
}
