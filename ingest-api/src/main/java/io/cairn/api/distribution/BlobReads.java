package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.blob.BlobNotFoundException;
import io.cairn.blob.FileBacked;
import io.cairn.oci.Digest;
import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** end-2: {@code GET|HEAD /v2/<name>/blobs/<digest>}, with single byte ranges (206/416). */
final class BlobReads {
  private final Backend backend;

  BlobReads(Backend backend) {
    this.backend = backend;
  }

  Future<Void> handle(RoutingContext ctx, V2Path path) {
    Digest digest = Digest.parse(path.argument());
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(path.repository(), Action.PULL))
        .compose(actor -> serve(ctx, path.repository(), digest));
  }

  private Future<Void> serve(RoutingContext ctx, String repository, Digest digest) {
    long size = linkedSize(repository, digest.toString());
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

  /** The size of a blob (or a manifest, which is a blob too) that belongs to the repository. */
  private long linkedSize(String repository, String digest) {
    OptionalLong linked = backend.view().blob(repository, digest);
    if (linked.isPresent()) {
      return linked.getAsLong();
    }
    return backend
        .view()
        .manifest(repository, digest)
        .map(m -> m.size())
        .orElseThrow(
            () ->
                OciErrorCode.BLOB_UNKNOWN.exception("blob " + digest + " is not in " + repository));
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
