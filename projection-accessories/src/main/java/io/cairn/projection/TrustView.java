package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/** Each project's trust material and the verdicts computed with it, as folded from events. */
public interface TrustView {

  /** The project's trusted Cosign keys, in name order. */
  List<CosignKeyEntry> cosignKeys(String project);

  /** The project's Notation trust stores, in name order. */
  List<NotationStoreEntry> notationStores(String project);

  /** The project's Notation trust policy document, if one was set. */
  Optional<String> notationPolicy(String project);

  /**
   * How many times the project's trust material changed: verdicts of older generations are stale.
   */
  long generation(String project);

  /** The last verdict on {@code subject} in {@code repository}. */
  Optional<VerdictEntry> verdict(String repository, String subject);
}
