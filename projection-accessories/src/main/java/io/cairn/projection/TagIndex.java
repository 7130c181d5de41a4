package io.cairn.projection;

import java.util.List;

/**
 * The tags of {@link Store#TAGS} seen from the manifests they name ({@link Store#TAGS_OF}), kept by
 * the fold as tags are set, moved and deleted.
 */
final class TagIndex {
  static final DerivedIndex INDEX = new DerivedIndex(Store.TAGS_OF, Store.TAGS, TagIndex::entryOf);

  private TagIndex() {}

  /** {@code tag} of {@code repo} now names {@code digest}. */
  static Change named(String repo, String digest, String tag) {
    return new Change.Put(Store.TAGS_OF, Store.key(repo, digest, tag), "");
  }

  /** {@code tag} of {@code repo} is about to move or go: it no longer names what it named. */
  static List<Change> unnamed(StateLookup state, String repo, String tag) {
    String old = state.get(Store.TAGS, Store.key(repo, tag));
    return old == null
        ? List.of()
        : List.of(new Change.Delete(Store.TAGS_OF, Store.key(repo, old, tag)));
  }

  /**
   * The index entry of one {@link Store#TAGS} row ({@code repo SEP tag} → digest); none for a key
   * without a separator, which the fold never writes.
   */
  static List<Change> entryOf(String tagsKey, String digest) {
    int sep = tagsKey.indexOf(Store.SEP);
    if (sep < 0 || digest == null) {
      return List.of();
    }
    return List.of(named(tagsKey.substring(0, sep), digest, tagsKey.substring(sep + 1)));
  }
}
