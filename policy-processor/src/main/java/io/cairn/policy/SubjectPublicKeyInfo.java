package io.cairn.policy;

/**
 * Just enough DER to read which algorithm a SubjectPublicKeyInfo is for (RFC 5280 §4.1), so that an
 * unsupported key gets "unsupported key type" rather than a key factory's parse error.
 */
final class SubjectPublicKeyInfo {
  private static final int SEQUENCE = 0x30;
  private static final int OID = 0x06;

  private SubjectPublicKeyInfo() {}

  /**
   * The dotted algorithm OID of {@code SEQUENCE { SEQUENCE { OID, … }, BIT STRING }}; throws {@link
   * IllegalArgumentException} naming the first thing that is not there.
   */
  static String algorithmOid(byte[] der) {
    int[] outer = element(der, 0, SEQUENCE, "SubjectPublicKeyInfo");
    if (outer[0] + outer[1] != der.length) {
      throw new IllegalArgumentException("trailing bytes after the SubjectPublicKeyInfo");
    }
    int[] algorithm = element(der, outer[0], SEQUENCE, "AlgorithmIdentifier");
    int[] oid = element(der, algorithm[0], OID, "algorithm OID");
    return dotted(der, oid[0], oid[1]);
  }

  /** {start of content, content length} of the element at {@code at}, which must be {@code tag}. */
  private static int[] element(byte[] der, int at, int tag, String what) {
    if (at + 2 > der.length || (der[at] & 0xff) != tag) {
      throw new IllegalArgumentException(what + " is missing");
    }
    int first = der[at + 1] & 0xff;
    int start = at + 2;
    long length = first;
    if (first > 0x80) {
      int octets = first & 0x7f;
      if (octets > 4 || start + octets > der.length) {
        throw new IllegalArgumentException(what + " has a bad length");
      }
      length = 0;
      for (int i = 0; i < octets; i++) {
        length = (length << 8) | (der[start + i] & 0xff);
      }
      start += octets;
    } else if (first == 0x80) {
      throw new IllegalArgumentException(what + " uses an indefinite length, which DER forbids");
    }
    if (start + length > der.length) {
      throw new IllegalArgumentException(what + " is truncated");
    }
    return new int[] {start, (int) length};
  }

  private static String dotted(byte[] der, int start, int length) {
    if (length == 0) {
      throw new IllegalArgumentException("algorithm OID is empty");
    }
    StringBuilder out = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (int i = start; i < start + length; i++) {
      value = (value << 7) | (der[i] & 0x7f);
      if ((der[i] & 0x80) == 0) {
        if (first) {
          long arc = Math.min(value / 40, 2);
          out.append(arc).append('.').append(value - arc * 40);
          first = false;
        } else {
          out.append('.').append(value);
        }
        value = 0;
      } else if (value > (Long.MAX_VALUE >> 7)) {
        throw new IllegalArgumentException("algorithm OID arc is too large");
      }
    }
    return out.toString();
  }
}
