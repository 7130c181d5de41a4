package io.cairn.api.distribution;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;

/**
 * One satisfiable byte range of a blob (RFC 9110 §14.1.2), resolved against its size.
 *
 * @param first first byte, inclusive
 * @param last last byte, inclusive
 */
record ByteRange(long first, long last) {

  long length() {
    return last - first + 1;
  }

  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * Reads a {@code Range} header. Returns {@code null} when there is none or when it is not a
   * single {@code bytes} range (the whole blob is then served, as RFC 9110 allows). Throws {@code
   * RANGE_INVALID} (416) when the range cannot be satisfied.
   */
  static ByteRange parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String from = spec.substring(0, dash).trim();
      String to = spec.substring(dash + 1).trim();
      if (from.isEmpty()) { // suffix range: the last N bytes
        long suffix = Long.parseLong(to);
        if (suffix <= 0 || size == 0) {
          throw unsatisfiable(size);
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long first = Long.parseLong(from);
      long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
      if (first < 0 || first >= size || last < first) {
        throw unsatisfiable(size);
      }
      return new ByteRange(first, last);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static OciException unsatisfiable(long size) {
    return OciErrorCode.RANGE_INVALID.exception(
        "range not satisfiable; the blob has " + size + " bytes", java.util.Map.of("size", size));
  }
}
