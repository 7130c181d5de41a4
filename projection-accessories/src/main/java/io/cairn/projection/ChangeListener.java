package io.cairn.projection;

/** Told of every change the fold writes, after the write and before the offset counts applied. */
@FunctionalInterface
public interface ChangeListener {
  ChangeListener NONE = change -> {};

  void changed(Change change);

  /** One listener telling each of {@code listeners}, in order. */
  static ChangeListener all(ChangeListener... listeners) {
    return change -> {
      for (ChangeListener listener : listeners) {
        listener.changed(change);
      }
    };
  }
}
