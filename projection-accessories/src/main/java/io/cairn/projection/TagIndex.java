package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/**
 * The tags of {@link Store#TAGS} seen from the manifests they name ({@link Store#TAGS_OF}), kept by
 * the fold as tags are set, moved and deleted. State folded before the index existed has tags and
 * no index: each partition's store is then built once from its tags ({@link #entryOf} for each),
 * and marked {@link #BUILT}; until the mark is there, readers scan the tags as before.
 */
final class TagIndex {
  /**
   * The key whose presence says the store holds every tag of its partition. No repository name
   * starts with {@code #}, so no scan of a repository's keys meets it.
   */
  static final String BUILT = "#built";

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
   * The index entry of one {@link Store#TAGS} row ({@code repo SEP tag} → digest); empty for a key
   * without a separator, which the fold never writes.
   */
  static Optional<Change> entryOf(String tagsKey, String digest) {
    int sep = tagsKey.indexOf(Store.SEP);
    if (sep < 0 || digest == null) {
      return Optional.empty();
    }
    return Optional.of(named(tagsKey.substring(0, sep), digest, tagsKey.substring(sep + 1)));
  }
}
