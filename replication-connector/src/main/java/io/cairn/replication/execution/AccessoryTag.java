package io.cairn.replication.execution;

import java.util.regex.Pattern;

/**
 * Tags that name an accessory rather than a subject, by the two schemes that put accessories under
 * tags: cosign's {@code sha256-<hex>.sig}, {@code .att} and {@code .sbom}, and the OCI referrers
 * tag schema's {@code sha256-<hex>} (an index of a subject's referrers, which the copier rebuilds
 * at a target without the referrers API). Such a manifest travels with its subject and is never a
 * task of its own. {@code sha512} digests appear truncated to 64 hexadecimal digits, as the
 * referrers tag schema writes them.
 */
final class AccessoryTag {
  private static final Pattern SCHEME =
      Pattern.compile("(sha256|sha512)-[0-9a-f]{64}(\\.sig|\\.att|\\.sbom)?");

  private AccessoryTag() {}

  static boolean matches(String tag) {
    return SCHEME.matcher(tag).matches();
  }
}
