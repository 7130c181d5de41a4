package io.cairn.api.harbor;

import io.cairn.oci.OciErrorCode;
import java.util.Comparator;
import java.util.Map;

/** Harbor's {@code sort}: a field name, descending with a leading {@code -}. */
public final class HarborSort {
  private HarborSort() {}

  /**
   * The order {@code sort} asks for among {@code fields} (each ascending), else {@code fallback};
   * 400 for a field that cannot be sorted on.
   */
  public static <T> Comparator<T> parse(
      String sort, Map<String, Comparator<T>> fields, Comparator<T> fallback) {
    if (sort == null || sort.isBlank()) {
      return fallback;
    }
    boolean descending = sort.startsWith("-");
    String field = descending ? sort.substring(1) : sort;
    Comparator<T> ascending = fields.get(field);
    if (ascending == null) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "cannot sort by '" + sort + "'; use " + String.join(", ", fields.keySet()));
    }
    return descending ? ascending.reversed() : ascending;
  }
}
