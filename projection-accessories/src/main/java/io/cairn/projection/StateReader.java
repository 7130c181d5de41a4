package io.cairn.projection;

import java.util.List;
import java.util.Map;

/**
 * Read access to the projection's stores for the query side. {@code partitionKey} is the event key
 * (repository or project) whose partition holds the rows, so an implementation over several
 * partitions or instances can route the read; {@code null} means "every partition".
 */
public interface StateReader {

  /** The value under {@code key}, or {@code null}. */
  String get(Store store, String partitionKey, String key);

  /**
   * Entries whose key starts with {@code prefix} and sorts strictly after {@code after} ({@code
   * null}: from the first), in ascending key order, at most {@code limit} of them.
   */
  List<Map.Entry<String, String>> scan(
      Store store, String partitionKey, String prefix, String after, int limit);
}
