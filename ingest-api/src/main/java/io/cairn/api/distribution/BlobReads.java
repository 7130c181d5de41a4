package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.trust.ContentTrustGate;
import io.cairn.blob.BlobNotFoundException;
import io.cairn.blob.FileBacked;
import io.cairn.oci.Digest;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.ManifestEntry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * end-2: {@code GET|HEAD /v2/<name>/blobs/<digest>}, with single byte ranges (206/416). A manifest
 * is a blob too, and is served here as the spec allows, but only through the same content-trust
 * gate as the manifest endpoint: otherwise a refused artifact's exact bytes would be one URL away.
 */
final class BlobReads {
  private final Backend backend;
  private final ContentTrustGate trust;

  BlobReads(Backend backend, ContentTrustGate trust) {
    this.backend = backend;
    this.trust = trust;
  }

  Future<Void> handle(RoutingContext ctx, V2Path path) {
    String repository = path.repository();
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(repository, Action.PULL))
        .compose(
            actor -> {
              Digest digest = Digest.parse(path.argument());
              OptionalLong linked = backend.view().blob(repository, digest.toString());
              if (linked.isPresent()) {
                return serve(ctx, digest, linked.getAsLong());
              }
              ManifestEntry manifest =
                  backend
                      .view()
                      .manifest(repository, digest.toString())
                      .orElseThrow(
                          () ->
                              OciErrorCode.BLOB_UNKNOWN.exception(
                                  "blob " + digest + " is not in " + repository));
              return trust
                  .check(ctx, repository, manifest)
                  .compose(v -> serve(ctx, digest, manifest.size()));
            });
  }

  private Future<Void> serve(RoutingContext ctx, Digest digest, long size) {
    ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"), size);
    HttpServerResponse response = ctx.response();
    response
        .putHeader("Docker-Content-Digest", digest.toString())
        .putHeader("Content-Type", "application/octet-stream")
        .putHeader("Accept-Ranges", "bytes")
        .putHeader("ETag", "\"" + digest + "\"")
        .putHeader("Cache-Control", "max-age=31536000");
    long offset = 0;
    long length = size;
    if (range != null) {
      response.setStatusCode(206).putHeader("Content-Range", range.contentRange(size));
      offset = range.first();
      length = range.length();
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      return response.putHeader("Content-Length", Long.toString(length)).end();
    }
    return send(response, digest.toString(), offset, length);
  }

  private Future<Void> send(HttpServerResponse response, String digest, long offset, long length) {
    if (backend.blobs() instanceof FileBacked files) {
      Optional<Path> file = files.fileOf(digest);
      if (file.isPresent()) {
        return response.sendFile(file.get().toString(), offset, length); // zero-copy
      }
      return Future.failedFuture(
          OciErrorCode.BLOB_UNKNOWN.exception("blob " + digest + " is missing from storage"));
    }
    return backend
        .vertx()
        .executeBlocking(
            () -> {
              try (InputStream in = backend.blobs().open(digest, offset)) {
                return Buffer.buffer(in.readNBytes((int) length));
              }
            })
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof BlobNotFoundException
                        ? OciErrorCode.BLOB_UNKNOWN.exception(
                            "blob " + digest + " is missing from storage")
                        : failure))
        .compose(response::end);
  }
}
