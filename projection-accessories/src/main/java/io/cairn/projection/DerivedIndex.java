package io.cairn.projection;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A store the fold keeps as a second view of another one ({@code from}, seen the other way), so a
 * question that would scan a whole repository is one prefix scan. State folded before the index
 * existed has the rows of {@code from} and no index: each partition's index is then built once from
 * them ({@code entries} of each row) and marked {@link #BUILT}; until the mark is there, readers
 * answer from {@code from} as before.
 *
 * @param entries the index rows of one row of {@code from} (its key and value)
 */
record DerivedIndex(Store store, Store from, BiFunction<String, String, List<Change>> entries) {
  /**
   * The key whose presence says an index holds every row of its partition. No repository name
   * starts with {@code #}, so no scan of a repository's keys meets it.
   */
  static final String BUILT = "#built";

  /** Every derived index the fold keeps. */
  static final List<DerivedIndex> ALL = List.of(TagIndex.INDEX, ParentIndex.INDEX);
}
