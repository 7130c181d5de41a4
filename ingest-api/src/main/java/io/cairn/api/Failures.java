package io.cairn.api;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.projection.ProjectionUnavailableException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into an HTTP answer: {@code {"errors":[{code, message,
 * detail}]}} with the status the code carries. Handlers only throw or fail their futures.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
  private static final int WARNING_LIMIT = 300;

  private Failures() {}

  public static void handle(RoutingContext ctx) {
    OciException error = classify(ctx);
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // The body was already streaming: the only honest signal left is a broken connection.
      LOG.warn(
          "{} {} failed mid-response: {}",
          ctx.request().method(),
          ctx.request().path(),
          error.getMessage());
      response.reset();
      return;
    }
    if (!ctx.request().isEnded()) {
      // An unread body cannot be skipped safely on a kept-alive connection: drain it and close.
      response.putHeader("Connection", "close");
      ctx.request().resume();
    }
    response.setStatusCode(error.code().status());
    // Headers of the success that did not happen: none may describe, or let a cache keep, an error.
    response
        .headers()
        .remove("Content-Length")
        .remove("Docker-Content-Digest")
        .remove("Location")
        .remove("Content-Range")
        .remove("ETag")
        .remove("Cache-Control");
    if (error.code() == OciErrorCode.TOOMANYREQUESTS || error.code() == OciErrorCode.UNAVAILABLE) {
      response.putHeader("Retry-After", "1");
    }
    JsonObject entry =
        new JsonObject().put("code", error.code().name()).put("message", error.getMessage());
    if (error.detail() instanceof Map<?, ?> detail) {
      entry.put("detail", new JsonObject(toStringKeys(detail)));
      if (error.code() == OciErrorCode.RANGE_INVALID && detail.get("size") != null) {
        response.putHeader("Content-Range", "bytes */" + detail.get("size")); // RFC 9110 §15.5.17
      }
    } else if (error.detail() != null) {
      entry.put("detail", String.valueOf(error.detail()));
    }
    String body = new JsonObject().put("errors", new JsonArray().add(entry)).encode();
    response.putHeader("Content-Type", "application/json; charset=utf-8");
    if (ctx.request().method() == HttpMethod.HEAD) {
      // A HEAD answer has no body, so the reason rides in a header as well (clients such as
      // skopeo begin with a HEAD and would otherwise show only the status line).
      response.putHeader("Warning", warning(error));
      // The length GET would send: bytes, not chars (messages may hold non-ASCII, e.g. "…").
      response.putHeader("Content-Length", String.valueOf(Buffer.buffer(body).length())).end();
    } else {
      response.end(body);
    }
  }

  /**
   * RFC 7234 §5.5 {@code Warning: 299 - "<code>: <message>"} (299: a persistent warning; {@code -}:
   * no agent named). The text is a quoted-string of printable ASCII: quotes and backslashes are
   * escaped, anything else outside it becomes {@code ?}, and it is cut at {@value #WARNING_LIMIT}
   * characters so a long name cannot make a huge header.
   */
  static String warning(OciException error) {
    String text = error.code().name() + ": " + error.getMessage();
    StringBuilder out = new StringBuilder("299 - \"");
    int shown = 0;
    for (char c : text.toCharArray()) {
      if (shown++ == WARNING_LIMIT) {
        out.append("...");
        break;
      }
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c >= 0x20 && c < 0x7f ? c : '?');
      }
    }
    return out.append('"').toString();
  }

  private static Map<String, Object> toStringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static OciException classify(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    while (failure != null
        && !(failure instanceof OciException)
        && !(failure instanceof ProjectionUnavailableException)
        && failure.getCause() != null
        && failure.getCause() != failure) {
      failure = failure.getCause();
    }
    if (failure instanceof OciException oci) {
      return oci;
    }
    if (failure instanceof ProjectionUnavailableException) {
      return OciErrorCode.UNAVAILABLE.exception("the registry's view is catching up; retry");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 404 -> OciErrorCode.NAME_UNKNOWN.exception("no such endpoint: " + ctx.request().path());
      case 405 -> OciErrorCode.UNSUPPORTED.exception("method not allowed here");
      case 413 ->
          ctx.request().path().contains("/manifests/")
              ? OciErrorCode.MANIFEST_TOO_LARGE.exception("manifest body too large")
              : OciErrorCode.PAYLOAD_TOO_LARGE.exception("request body too large");
      case 400 -> OciErrorCode.BAD_REQUEST.exception("malformed request");
      default -> {
        LOG.error(
            "unexpected failure on {} {}",
            ctx.request().method(),
            ctx.request().path(),
            ctx.failure());
        yield OciErrorCode.UNKNOWN.exception("internal error");
      }
    };
  }
}
