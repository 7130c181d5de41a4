package io.cairn.replication.oci;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The listings the distribution API pages with {@code Link} headers: a repository's tags and the
 * registry's catalog. Repository names come checked by {@link OciClient}.
 */
final class PagedListings {
  /** Distribution's default {@code catalog.maxentries}: a larger page is cut to it anyway. */
  static final int CATALOG_PAGE = 1000;

  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  /** The token scope of distribution's catalog. */
  private static final String CATALOG_SCOPE = "registry:catalog:*";

  private final Transport transport;

  PagedListings(Transport transport) {
    this.transport = transport;
  }

  /** See {@link OciClient#tags}. */
  List<String> tags(String repo) throws IOException {
    String what = "list tags of " + repo;
    List<String> out = new ArrayList<>();
    URI next = transport.uri("/v2/" + repo + "/tags/list?n=1000");
    while (next != null) {
      URI page = next;
      HttpResponse<byte[]> response =
          transport.send(
              what,
              Scopes.pull(repo),
              () -> transport.request(page).GET(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404 && out.isEmpty()) {
        return out;
      }
      if (response.statusCode() != 200) {
        throw transport.error(what, response);
      }
      Json.tags(response.body()).forEach(out::add);
      next = nextPage(response);
    }
    return out;
  }

  /** See {@link OciClient#catalog()}. */
  List<String> catalog(int pageSize) throws IOException {
    String what = "list repositories (GET /v2/_catalog)";
    transport.signInFirst(what, CATALOG_SCOPE);
    List<String> out = new ArrayList<>();
    URI next = transport.uri("/v2/_catalog?n=" + pageSize);
    while (next != null) {
      URI page = next;
      HttpResponse<byte[]> response =
          transport.send(
              what,
              CATALOG_SCOPE,
              () -> transport.request(page).GET(),
              HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status == 401 || status == 403 || status == 404) {
        RegistryException e = transport.error(what, response);
        throw new RegistryException(
            status,
            e.code(),
            "the registry does not let this account list its repositories (some registries"
                + " forbid the catalog API, or allow it to administrators only): "
                + e.getMessage(),
            true);
      }
      if (status != 200) {
        throw transport.error(what, response);
      }
      out.addAll(Json.repositories(response.body()));
      next = nextPage(response);
    }
    return out;
  }

  /** The page a {@code Link: <…>; rel="next"} header names, resolved; null on the last page. */
  URI nextPage(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Link")
        .map(NEXT_LINK::matcher)
        .filter(Matcher::find)
        .map(m -> transport.resolve(m.group(1)))
        .orElse(null);
  }
}
