package io.cairn.oci;

/** The {@code <reference>} of a manifest path: a tag or a digest. */
public sealed interface Reference {
  record ByTag(Tag tag) implements Reference {
    @Override
    public String toString() {
      return tag.value();
    }
  }

  record ByDigest(Digest digest) implements Reference {
    @Override
    public String toString() {
      return digest.toString();
    }
  }

  /** Parses a path reference; throws {@code DIGEST_INVALID} or {@code TAG_INVALID}. */
  static Reference parse(String text) {
    return Digest.looksLikeDigest(text)
        ? new ByDigest(Digest.parse(text))
        : new ByTag(new Tag(text));
  }
}
