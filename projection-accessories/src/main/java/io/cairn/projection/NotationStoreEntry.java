package io.cairn.projection;

import java.util.List;

/** A Notation trust store of a project, named {@code <storeType>:<name>} in its trust policy. */
public record NotationStoreEntry(
    String name,
    String storeType,
    String certificatesPem,
    List<String> fingerprints,
    long addedAt) {
  public NotationStoreEntry {
    fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
  }
}
