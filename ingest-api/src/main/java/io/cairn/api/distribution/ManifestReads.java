package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.trust.ContentTrustGate;
import io.cairn.blob.BlobNotFoundException;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.oci.Reference;
import io.cairn.projection.ManifestEntry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;

/**
 * end-3: {@code GET|HEAD /v2/<name>/manifests/<reference>}. The bytes are served exactly as pushed,
 * with the media type they were pushed as; both lookups are projection reads.
 */
final class ManifestReads {
  /** Enough for thousands of typical manifests; a miss only costs one small file read. */
  private static final long CACHE_BYTES = 64L * 1024 * 1024;

  private final Backend backend;
  private final ManifestCache cache = new ManifestCache(CACHE_BYTES);
  private final ContentTrustGate trust;

  ManifestReads(Backend backend, ContentTrustGate trust) {
    this.backend = backend;
    this.trust = trust;
  }

  Future<Void> handle(RoutingContext ctx, V2Path path) {
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(path.repository(), Action.PULL))
        .compose(
            actor -> {
              Reference reference = existing(path.repository(), path.argument());
              ManifestEntry manifest = resolve(path.repository(), reference);
              return trust
                  .check(ctx, path.repository(), manifest)
                  .compose(v -> serve(ctx, manifest));
            });
  }

  /**
   * The reference of a manifest to read or delete. A text that can be no tag ({@code
   * .INVALID_MANIFEST_NAME}, 129 characters) names nothing that can exist, so the honest answer is
   * 404 {@code MANIFEST_UNKNOWN}, as distribution, zot and the OCI conformance suite have it; only
   * a push (which would create it) is told {@code TAG_INVALID}. A malformed digest stays {@code
   * DIGEST_INVALID}: the client claims to know content and should learn the digest is wrong.
   */
  static Reference existing(String repository, String text) {
    try {
      return Reference.parse(text);
    } catch (OciException e) {
      if (e.code() != OciErrorCode.TAG_INVALID) {
        throw e;
      }
      String shown = text.length() > 140 ? text.substring(0, 140) + "…" : text;
      throw OciErrorCode.MANIFEST_UNKNOWN.exception(
          "manifest " + shown + " is not in " + repository + ": it is not a valid tag");
    }
  }

  /** Finds the manifest a tag or digest names in the repository, or fails MANIFEST_UNKNOWN. */
  ManifestEntry resolve(String repository, Reference reference) {
    String digest =
        reference instanceof Reference.ByDigest d
            ? d.digest().toString()
            : backend
                .view()
                .tag(repository, reference.toString())
                .orElseThrow(() -> unknown(repository, reference));
    return backend
        .view()
        .manifest(repository, digest)
        .orElseThrow(() -> unknown(repository, reference));
  }

  private Future<Void> serve(RoutingContext ctx, ManifestEntry manifest) {
    HttpServerResponse response =
        ctx.response()
            .putHeader("Content-Type", manifest.mediaType())
            .putHeader("Docker-Content-Digest", manifest.digest())
            .putHeader("ETag", "\"" + manifest.digest() + "\"");
    if (ctx.request().method() == HttpMethod.HEAD) {
      return response.putHeader("Content-Length", Long.toString(manifest.size())).end();
    }
    byte[] cached = cache.get(manifest.digest());
    if (cached != null) {
      return response.end(Buffer.buffer(cached));
    }
    return backend
        .vertx()
        .executeBlocking(
            () -> {
              try (InputStream in = backend.blobs().open(manifest.digest(), 0)) {
                byte[] bytes = in.readAllBytes();
                cache.put(manifest.digest(), bytes);
                return Buffer.buffer(bytes);
              }
            })
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof BlobNotFoundException
                        ? OciErrorCode.MANIFEST_UNKNOWN.exception(
                            "manifest " + manifest.digest() + " is missing from storage")
                        : failure))
        .compose(response::end);
  }

  private static RuntimeException unknown(String repository, Reference reference) {
    return OciErrorCode.MANIFEST_UNKNOWN.exception(
        "manifest " + reference + " is not in " + repository);
  }
}
