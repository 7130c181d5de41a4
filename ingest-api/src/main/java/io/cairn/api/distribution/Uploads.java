package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.Authorizer;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.blob.DigestMismatchException;
import io.cairn.blob.UploadClosedException;
import io.cairn.blob.UploadSession;
import io.cairn.events.Actor;
import io.cairn.events.BlobLinked;
import io.cairn.oci.Digest;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.oci.RepositoryName;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: end-4a/4b (start, monolithic), end-11 (mount), end-5 (PATCH chunk), end-6 (PUT
 * close), end-13 (status) and cancel. Upload bytes go to the blob store's sessions; a finished
 * upload becomes a {@code BlobLinked} event, acknowledged only once the projection shows it.
 */
final class Uploads {
  /**
   * The distribution spec's chunk range, {@code <start>-<end>} (inclusive) and nothing else: not
   * RFC 9110's {@code bytes 0-9/10}, not a {@code Range}-style {@code bytes=0-9}, not an open end.
   * distribution reads the same form ({@code parseContentRange}).
   */
  private static final Pattern CONTENT_RANGE = Pattern.compile("(\\d{1,18})-(\\d{1,18})");

  private final Backend backend;
  private final ProjectGate projects;

  Uploads(Backend backend, ProjectGate projects) {
    this.backend = backend;
    this.projects = projects;
  }

  /** POST {@code /v2/<name>/blobs/uploads/}. */
  Future<Void> start(RoutingContext ctx, V2Path path) {
    HttpServerRequest request = ctx.request();
    String repository = path.repository();
    String from = request.getParam("mount") == null ? null : request.getParam("from");
    if (from != null && RepositoryName.problem(from) == null) {
      Authorizer.alsoChallengeFor(ctx, "repository:" + from + ":pull");
    }
    return authorizePush(ctx, path)
        .compose(
            actor -> {
              String mount = request.getParam("mount");
              String digest = request.getParam("digest");
              Digest mounted = mount == null ? null : Digest.parse(mount);
              Digest monolithic = digest == null ? null : Digest.parse(digest);
              if (mounted != null) {
                Future<Boolean> done =
                    tryMount(ctx, actor, repository, mounted, request.getParam("from"));
                return done.compose(ok -> ok ? Future.succeededFuture() : open(ctx, repository));
              }
              return monolithic == null
                  ? open(ctx, repository)
                  : newSession(repository)
                      .compose(s -> finish(ctx, actor, repository, s, monolithic));
            });
  }

  /** PATCH {@code <location>}: append a chunk, in order. */
  Future<Void> patch(RoutingContext ctx, V2Path path) {
    return authorizePush(ctx, path)
        .compose(actor -> session(path))
        .compose(session -> inRange(ctx, session))
        .compose(
            session ->
                BodySink.pipe(backend.vertx(), ctx.request(), session)
                    .recover(Uploads::translate)
                    .compose(n -> accepted(ctx, path.repository(), session)));
  }

  /** PUT {@code <location>?digest=}: the optional last chunk, then verify and publish. */
  Future<Void> put(RoutingContext ctx, V2Path path) {
    return authorizePush(ctx, path)
        .compose(
            actor -> {
              String digestParam = ctx.request().getParam("digest");
              if (digestParam == null) {
                throw OciErrorCode.DIGEST_INVALID.exception("PUT of an upload needs ?digest=");
              }
              Digest digest = Digest.parse(digestParam);
              return session(path)
                  .compose(session -> inRange(ctx, session)) // the last chunk too (end-6: 416)
                  .compose(session -> finish(ctx, actor, path.repository(), session, digest));
            });
  }

  /** GET {@code <location>} (end-13): how much has arrived. */
  Future<Void> status(RoutingContext ctx, V2Path path) {
    return authorizePush(ctx, path)
        .compose(actor -> session(path))
        .compose(
            session ->
                blocking(session::size)
                    .recover(Uploads::translate)
                    .compose(
                        size ->
                            progress(ctx.response(), path.repository(), session.id(), size)
                                .setStatusCode(204)
                                .end()));
  }

  /** DELETE {@code <location>}: abandon the upload. */
  Future<Void> cancel(RoutingContext ctx, V2Path path) {
    return authorizePush(ctx, path)
        .compose(actor -> session(path))
        .compose(
            session ->
                blocking(
                    () -> {
                      session.cancel();
                      return null;
                    }))
        .recover(Uploads::translate)
        .compose(v -> ctx.response().setStatusCode(204).end());
  }

  private Future<Actor> authorizePush(RoutingContext ctx, V2Path path) {
    ctx.request().pause(); // the body may be needed after the asynchronous checks below
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(path.repository(), Action.PUSH))
        .compose(actor -> projects.requireProject(path.name()).map(actor));
  }

  /**
   * Links the blob from {@code from} if the caller may pull from there and it is there; otherwise
   * (no or a malformed {@code from}, no permission, a token without pull on it, no such blob) the
   * spec's answer is a plain upload session, so a refused read of {@code from} falls back rather
   * than fails, and looks the same as a blob that is not there.
   */
  private Future<Boolean> tryMount(
      RoutingContext ctx, Actor actor, String repository, Digest digest, String from) {
    if (from == null || RepositoryName.problem(from) != null) {
      return Future.succeededFuture(false);
    }
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(from, Action.PULL))
        .map(reader -> true)
        .recover(
            refused -> {
              if (!(refused instanceof OciException)) {
                return Future.failedFuture(refused);
              }
              ctx.response().headers().remove("WWW-Authenticate"); // the refusal's challenge
              return Future.succeededFuture(false);
            })
        .compose(
            mayRead -> {
              if (!mayRead) {
                return Future.succeededFuture(false);
              }
              OptionalLong size = backend.view().blob(from, digest.toString());
              if (size.isEmpty()) {
                return Future.succeededFuture(false);
              }
              BlobLinked link = new BlobLinked(digest.toString(), size.getAsLong(), from);
              return link(actor, repository, link)
                  .compose(v -> created(ctx, repository, digest))
                  .map(true);
            });
  }

  private Future<Void> open(RoutingContext ctx, String repository) {
    ctx.request().resume(); // no body expected: let it drain
    return newSession(repository)
        .compose(
            session ->
                progress(ctx.response(), repository, session.id(), 0)
                    .setStatusCode(202)
                    .putHeader("Content-Length", "0")
                    .end());
  }

  private Future<Void> finish(
      RoutingContext ctx, Actor actor, String repository, UploadSession session, Digest digest) {
    return BodySink.pipe(backend.vertx(), ctx.request(), session)
        .compose(n -> blocking(() -> session.commit(digest.toString())))
        .recover(Uploads::translate)
        .compose(
            size -> {
              if (backend.view().blob(repository, digest.toString()).isPresent()) {
                return Future.succeededFuture(); // already linked: nothing new to record
              }
              return link(actor, repository, new BlobLinked(digest.toString(), size, null));
            })
        .compose(v -> created(ctx, repository, digest));
  }

  private Future<Void> link(Actor actor, String repository, BlobLinked link) {
    return backend
        .writer()
        .write(List.of(backend.events().begin(actor).repository(repository, link)));
  }

  private static Future<Void> created(RoutingContext ctx, String repository, Digest digest) {
    return ctx.response()
        .setStatusCode(201)
        .putHeader("Location", "/v2/" + repository + "/blobs/" + digest)
        .putHeader("Docker-Content-Digest", digest.toString())
        .putHeader("Content-Length", "0")
        .end();
  }

  private Future<Void> accepted(RoutingContext ctx, String repository, UploadSession session) {
    return blocking(session::size)
        .recover(Uploads::translate)
        .compose(
            size ->
                progress(ctx.response(), repository, session.id(), size)
                    .setStatusCode(202)
                    .putHeader("Content-Length", "0")
                    .end());
  }

  private static HttpServerResponse progress(
      HttpServerResponse response, String repository, String id, long size) {
    return response
        .putHeader("Location", "/v2/" + repository + "/blobs/uploads/" + id)
        .putHeader("Range", "0-" + Math.max(0, size - 1))
        .putHeader("Docker-Upload-UUID", id);
  }

  private Future<UploadSession> newSession(String repository) {
    return blocking(() -> backend.blobs().uploads().create(repository));
  }

  /** The session named in the path, if it uploads into the path's repository. */
  private Future<UploadSession> session(V2Path path) {
    return blocking(() -> backend.blobs().uploads().find(path.repository(), path.argument()))
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        OciErrorCode.BLOB_UPLOAD_UNKNOWN.exception(
                            "no upload " + path.argument() + " in progress")));
  }

  /** The session, once the request's Content-Range (if any) fits it; the size is read off-loop. */
  private Future<UploadSession> inRange(RoutingContext ctx, UploadSession session) {
    String header = ctx.request().getHeader("Content-Range");
    if (header == null) {
      return Future.succeededFuture(session); // a streamed PATCH appends at the end
    }
    String length = ctx.request().getHeader("Content-Length");
    return blocking(session::size)
        .recover(Uploads::translate)
        .map(
            size -> {
              checkContentRange(header, length, size);
              return session;
            });
  }

  /**
   * A chunk's Content-Range must be the spec's {@code <start>-<end>}, else 400 {@code
   * BLOB_UPLOAD_INVALID} (the request is malformed, and no range could satisfy it). A well-formed
   * range must start where the upload stands, not end before it starts, and span the body's
   * Content-Length when one is given; otherwise 416 {@code RANGE_INVALID} (end-5, end-6), and the
   * client learns where to resume with GET of the upload (end-13). Either way the upload is left as
   * it was.
   */
  private static void checkContentRange(String header, String length, long size) {
    Matcher range = CONTENT_RANGE.matcher(header.trim());
    if (!range.matches()) {
      String shown = header.length() > 64 ? header.substring(0, 64) + "…" : header;
      throw OciErrorCode.BLOB_UPLOAD_INVALID.exception(
          "malformed Content-Range '" + shown + "'; expected <start>-<end>, e.g. 0-1023");
    }
    long start = Long.parseLong(range.group(1));
    long end = Long.parseLong(range.group(2));
    if (end < start) {
      throw OciErrorCode.RANGE_INVALID.exception(
          "Content-Range '" + header + "' ends before it starts");
    }
    if (start != size) {
      throw OciErrorCode.RANGE_INVALID.exception(
          "chunk starts at " + start + " but the upload has " + size + " bytes",
          Map.of("size", size));
    }
    if (length != null && !length.trim().equals(Long.toString(end - start + 1))) {
      throw OciErrorCode.RANGE_INVALID.exception(
          "Content-Range '" + header + "' does not span the Content-Length " + length);
    }
  }

  private static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof DigestMismatchException) {
      return Future.failedFuture(
          OciErrorCode.DIGEST_INVALID.exception(
              "uploaded content does not match the digest; nothing was stored"));
    }
    if (failure instanceof UploadClosedException) {
      return Future.failedFuture(
          OciErrorCode.BLOB_UPLOAD_UNKNOWN.exception("the upload is already finished"));
    }
    if (failure instanceof IllegalArgumentException) {
      return Future.failedFuture(OciErrorCode.DIGEST_INVALID.exception(failure.getMessage()));
    }
    return Future.failedFuture(failure);
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return backend.vertx().executeBlocking(work);
  }
}
