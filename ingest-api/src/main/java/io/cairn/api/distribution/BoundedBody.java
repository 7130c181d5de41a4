package io.cairn.api.distribution;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a (paused) request body into memory, failing as soon as it passes a limit. */
final class BoundedBody {
  private BoundedBody() {}

  static Future<Buffer> read(HttpServerRequest request, int limit) {
    Promise<Buffer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (body.length() + chunk.length() > limit) {
            done.tryFail(ManifestPuts.tooLarge(body.length() + chunk.length()));
          } else if (!done.future().isComplete()) {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(v -> done.tryComplete(body));
    request.exceptionHandler(done::tryFail);
    request.resume();
    return done.future();
  }
}
