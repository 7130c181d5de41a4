package io.cairn.api.distribution;

import io.cairn.blob.UploadSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Streams a request body into an upload session with constant memory: the request is paused while a
 * worker appends, so a slow disk slows the client instead of filling the heap. Chunks are gathered
 * up to {@link #FLUSH_BYTES} to keep the number of worker hand-offs small.
 */
final class BodySink {
  private static final int FLUSH_BYTES = 1 << 20;

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final UploadSession session;
  private final Promise<Long> done = Promise.promise();
  private Buffer pending = Buffer.buffer();
  private long received;
  private boolean failed;

  private BodySink(Vertx vertx, HttpServerRequest request, UploadSession session) {
    this.vertx = vertx;
    this.request = request;
    this.session = session;
  }

  /**
   * Appends the whole body of {@code request} (which the caller paused) to {@code session}.
   * Completes with the number of body bytes once all are appended.
   */
  static Future<Long> pipe(Vertx vertx, HttpServerRequest request, UploadSession session) {
    BodySink sink = new BodySink(vertx, request, session);
    request.handler(sink::chunk);
    request.endHandler(v -> sink.end());
    request.exceptionHandler(sink::fail);
    request.resume();
    return sink.done.future();
  }

  private void chunk(Buffer chunk) {
    if (failed) {
      return;
    }
    received += chunk.length();
    pending.appendBuffer(chunk);
    if (pending.length() >= FLUSH_BYTES) {
      request.pause();
      flush().onSuccess(v -> request.resume()).onFailure(this::fail);
    }
  }

  private void end() {
    if (!failed) {
      flush().onSuccess(v -> done.tryComplete(received)).onFailure(this::fail);
    }
  }

  private Future<Void> flush() {
    if (pending.length() == 0) {
      return Future.succeededFuture();
    }
    Buffer toWrite = pending;
    pending = Buffer.buffer();
    // ordered: appends of one body reach the file in arrival order
    return vertx.executeBlocking(
        () -> {
          session.append(java.nio.ByteBuffer.wrap(toWrite.getBytes()));
          return null;
        },
        true);
  }

  private void fail(Throwable failure) {
    failed = true;
    done.tryFail(failure);
  }
}
