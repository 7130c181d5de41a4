package io.cairn.projection;

/** Point reads of the projection's current state, as a fold needs them. */
@FunctionalInterface
public interface StateLookup {
  /** The value under {@code key} in {@code store}, or {@code null}. */
  String get(Store store, String key);
}
