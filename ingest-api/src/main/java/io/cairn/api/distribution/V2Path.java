package io.cairn.api.distribution;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.oci.RepositoryName;

/**
 * The parts of a {@code /v2/…} path. Repository names contain slashes, so the path is read from its
 * end: the last {@code /manifests/}, {@code /blobs/}, {@code /tags/list} or {@code /referrers/}
 * decides the resource, and all before it is the name. The name is kept as it came and checked only
 * when asked ({@link #problem()}, {@link #name()}): a request is authorized before its input is
 * validated, so a caller who may not use the repository never learns the naming rules.
 *
 * @param repository the repository name as in the path, possibly malformed, or {@code null} for
 *     {@code /v2/} and {@code /v2/_catalog}
 * @param argument the reference, digest or upload id after the marker; may be empty
 */
public record V2Path(Kind kind, String repository, String argument) {
  public enum Kind {
    BASE,
    CATALOG,
    TAGS,
    MANIFEST,
    BLOB,
    UPLOADS,
    UPLOAD,
    REFERRERS
  }

  private static final String PREFIX = "/v2/";

  /**
   * Reads a raw (not percent-decoded) request path. Throws {@code NAME_UNKNOWN} for a path that is
   * no endpoint; a malformed name is kept for {@link #problem()} to report.
   */
  public static V2Path parse(String rawPath) {
    if (rawPath.equals("/v2") || rawPath.equals(PREFIX)) {
      return new V2Path(Kind.BASE, null, "");
    }
    if (!rawPath.startsWith(PREFIX)) {
      throw unknown(rawPath);
    }
    String rest = rawPath.substring(PREFIX.length());
    if (rest.equals("_catalog")) {
      return new V2Path(Kind.CATALOG, null, "");
    }
    if (rest.endsWith("/tags/list")) {
      return named(Kind.TAGS, rest, rest.length() - "/tags/list".length(), "");
    }
    if (rest.endsWith("/blobs/uploads") || rest.endsWith("/blobs/uploads/")) {
      return named(Kind.UPLOADS, rest, rest.lastIndexOf("/blobs/uploads"), "");
    }
    Marker found = null;
    int at = -1;
    for (Marker marker : Marker.values()) {
      int candidate = rest.lastIndexOf(marker.text);
      if (candidate > at) { // the marker nearest the end wins; ties go to the longer marker
        found = marker;
        at = candidate;
      }
    }
    if (found != null && at > 0) {
      String argument = rest.substring(at + found.text.length());
      if (!argument.isEmpty() && !argument.contains("/")) {
        return named(found.kind, rest, at, argument);
      }
    }
    throw unknown(rawPath);
  }

  private static V2Path named(Kind kind, String rest, int nameEnd, String argument) {
    return new V2Path(kind, rest.substring(0, Math.max(nameEnd, 0)), argument);
  }

  private static RuntimeException unknown(String rawPath) {
    String shown = rawPath.length() > 200 ? rawPath.substring(0, 200) + "…" : rawPath;
    return OciErrorCode.NAME_UNKNOWN.exception("no registry endpoint at " + shown);
  }

  /** Path markers; uploads come first so that they win a tie with blobs. */
  private enum Marker {
    UPLOAD("/blobs/uploads/", Kind.UPLOAD),
    MANIFEST("/manifests/", Kind.MANIFEST),
    BLOB("/blobs/", Kind.BLOB),
    REFERRERS("/referrers/", Kind.REFERRERS);

    final String text;
    final Kind kind;

    Marker(String text, Kind kind) {
      this.text = text;
      this.kind = kind;
    }
  }

  /** Why the repository name is malformed ({@code NAME_INVALID}), or {@code null} if it is not. */
  public OciException problem() {
    if (repository == null) {
      return null;
    }
    String why = RepositoryName.problem(repository);
    return why == null ? null : OciErrorCode.NAME_INVALID.exception(why);
  }

  /** The repository name, once {@link #problem()} found nothing wrong with it. */
  public RepositoryName name() {
    return RepositoryName.parse(repository);
  }
}
