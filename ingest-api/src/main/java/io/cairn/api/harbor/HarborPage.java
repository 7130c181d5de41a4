package io.cairn.api.harbor;

import io.cairn.oci.OciErrorCode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Harbor's list paging: {@code page} from 1, {@code page_size} 1–100 (default 10); the answer
 * carries {@code X-Total-Count} and a {@code Link} header with {@code prev}/{@code next}.
 */
public record HarborPage(int page, int size) {
  private static final int DEFAULT_SIZE = 10;
  private static final int MAX_SIZE = 100;

  /** The request's paging; 400 when a parameter is not a number in range. */
  public static HarborPage of(HttpServerRequest request) {
    int page = number(request.getParam("page"), 1, "page", 1, Integer.MAX_VALUE);
    int size = number(request.getParam("page_size"), DEFAULT_SIZE, "page_size", 1, MAX_SIZE);
    return new HarborPage(page, size);
  }

  /** This page of {@code all}. */
  public <T> List<T> slice(List<T> all) {
    long from = (long) (page - 1) * size;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + size));
  }

  /** Sets {@code X-Total-Count} and, when there are other pages, {@code Link}. */
  public HttpServerResponse headers(RoutingContext ctx, int total) {
    HttpServerResponse response = ctx.response();
    response.putHeader("X-Total-Count", Integer.toString(total));
    List<String> links = new ArrayList<>(2);
    if (page > 1 && total > 0) {
      links.add(link(ctx, Math.min(page - 1, (total + size - 1) / size), "prev"));
    }
    if ((long) page * size < total) {
      links.add(link(ctx, page + 1, "next"));
    }
    if (!links.isEmpty()) {
      response.putHeader("Link", String.join(" , ", links));
    }
    return response;
  }

  private String link(RoutingContext ctx, int target, String rel) {
    StringBuilder query = new StringBuilder("page=" + target + "&page_size=" + size);
    ctx.queryParams()
        .forEach(
            (name, value) -> {
              if (!name.equals("page") && !name.equals("page_size")) {
                query
                    .append('&')
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
              }
            });
    return "<" + ctx.request().path() + "?" + query + ">; rel=\"" + rel + "\"";
  }

  private static int number(String text, int fallback, String name, int min, int max) {
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw OciErrorCode.BAD_REQUEST.exception(
        name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
  }
}
