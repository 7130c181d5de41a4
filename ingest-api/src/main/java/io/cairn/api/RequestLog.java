package io.cairn.api;

import io.cairn.api.auth.Authentication;
import io.cairn.api.auth.Caller;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code cairn serve --access-log}): one INFO line per request on the logger
 * {@value #LOGGER}, written once the response is sent:
 *
 * <pre>{@code <client address> <user> "<METHOD> <path>" <status> <body bytes sent> <ms>ms}</pre>
 *
 * <p>{@code user} is the name the request authenticated as, or {@code -} (anonymous, refused, or
 * never asked). The path is logged without its query: the query of {@code /service/token} names the
 * account and scopes asked for, and no query of the API is needed to tell which request was served,
 * so leaving all of them out keeps any future query parameter that carries something private out of
 * the log too. Credentials never appear: they travel in headers, which are not logged. Characters
 * outside printable ASCII, {@code "} and {@code \} in the path are escaped, so a request cannot
 * forge or split a line.
 */
public final class RequestLog implements Handler<RoutingContext> {
  public static final String LOGGER = "cairn.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private RequestLog() {}

  /** Logs every request {@code router} serves; call before any other route is added. */
  public static void mount(Router router) {
    router.route().order(Integer.MIN_VALUE).handler(new RequestLog());
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(
        done -> {
          Caller caller = Authentication.knownCaller(ctx);
          SocketAddress remote = ctx.request().remoteAddress();
          LOG.info(
              line(
                  remote == null ? "-" : remote.hostAddress(),
                  caller == null || caller.isAnonymous() ? "-" : caller.name(),
                  ctx.request().method().name(),
                  ctx.request().path(),
                  ctx.response().getStatusCode(),
                  ctx.response().bytesWritten(),
                  (System.nanoTime() - started) / 1_000_000));
        });
    ctx.next();
  }

  /** One access-log line; pure. */
  static String line(
      String client, String user, String method, String path, int status, long bytes, long ms) {
    return client
        + " "
        + escape(user)
        + " \""
        + method
        + " "
        + escape(path == null ? "" : path)
        + "\" "
        + status
        + " "
        + bytes
        + " "
        + ms
        + "ms";
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
        out.append(String.format(c > 0xff ? "\\u%04x" : "\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
