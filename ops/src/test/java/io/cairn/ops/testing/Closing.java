package io.cairn.ops.testing;

/** Stopping what a test class started, whatever of it did start. */
public final class Closing {
  private Closing() {}

  /**
   * Closes each of {@code parts} in the order given, skipping nulls (a part whose start failed or
   * never came), and closes the rest even when one fails; throws the first failure.
   */
  public static void all(AutoCloseable... parts) throws Exception {
    Exception first = null;
    for (AutoCloseable part : parts) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
