package io.cairn.replication.oci;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.MediaTypes;
import io.cairn.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client of one registry over the OCI distribution API (v1.1), blocking. Every failure is a
 * {@link RegistryException} that says whether a retry can help. Thread-safe; one instance per
 * registry shares its connections and tokens.
 */
public final class OciClient implements AutoCloseable {
  /** Blobs up to this size go in one PUT; larger ones in PATCHes of this size. */
  public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  /** Every manifest type the copier carries, as an Accept header. */
  public static final String MANIFEST_ACCEPT =
      String.join(
          ", ",
          MediaTypes.OCI_MANIFEST,
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST,
          MediaTypes.DOCKER_MANIFEST_LIST);

  private final Transport transport;
  private final BlobUploads uploads;
  private final PagedListings listings;

  public OciClient(Endpoint endpoint, Duration timeout) {
    this(endpoint, timeout, DEFAULT_CHUNK_SIZE);
  }

  /** With a chunk size other than {@link #DEFAULT_CHUNK_SIZE} (registries with a body limit). */
  public OciClient(Endpoint endpoint, Duration timeout, int chunkSize) {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunk size must be positive");
    }
    this.transport = new Transport(endpoint, timeout);
    this.uploads = new BlobUploads(transport, chunkSize);
    this.listings = new PagedListings(transport);
  }

  public Endpoint endpoint() {
    return transport.endpoint();
  }

  /** {@code GET /v2/} with the sign-in flow; never throws. */
  public Ping ping() {
    try {
      HttpResponse<byte[]> response =
          transport.send(
              "ping",
              null,
              () -> transport.request(transport.uri("/v2/")).GET(),
              HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status == 200) {
        return new Ping(true, true, 200, "ok");
      }
      return new Ping(true, false, status, transport.error("ping", response).getMessage());
    } catch (RegistryException e) {
      return new Ping(e.status() != 0, false, e.status(), e.getMessage());
    }
  }

  /** The manifest's digest, media type and size, or empty when the registry does not have it. */
  public Optional<Descriptor> headManifest(String repo, String reference) throws IOException {
    String what = "HEAD manifest " + repo + ":" + reference;
    URI uri = manifestUri(repo, reference);
    HttpResponse<Void> response =
        transport.send(
            what,
            Scopes.pull(repo),
            () ->
                transport
                    .request(uri)
                    .header("Accept", MANIFEST_ACCEPT)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw transport.error(what, response);
    }
    Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
    Optional<String> type = response.headers().firstValue("Content-Type").map(OciClient::bare);
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (digest.isEmpty() || type.isEmpty() || size < 0) {
      // Headers a registry must send but some proxies drop: read the manifest itself.
      Manifest m = getManifest(repo, reference);
      return Optional.of(new Descriptor(m.mediaType(), m.digest(), m.bytes().length, null, null));
    }
    return Optional.of(
        new Descriptor(type.get(), parseDigest(digest.get(), what), size, null, null));
  }

  /**
   * The manifest's bytes as served. When {@code reference} is a digest, the bytes are checked
   * against it. Absent → a permanent {@link RegistryException} with status 404; any other answer
   * but 200 → a {@link RegistryException} with its status.
   *
   * @param headers further request headers, name then value (e.g. Cairn's {@code
   *     Cairn-Content-Trust})
   */
  public Manifest getManifest(String repo, String reference, String... headers) throws IOException {
    String what = "GET manifest " + repo + ":" + reference;
    URI uri = manifestUri(repo, reference);
    HttpResponse<byte[]> response =
        transport.send(
            what,
            Scopes.pull(repo),
            () -> {
              HttpRequest.Builder request =
                  transport.request(uri).header("Accept", MANIFEST_ACCEPT);
              for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
              }
              return request.GET();
            },
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw transport.error(what, response);
    }
    return manifestOf(what, reference, response);
  }

  /**
   * The manifest a 200 answer to {@code GET /v2/<name>/manifests/<reference>} carries: its media
   * type as served (or, when that is none of a manifest's, as its bytes declare), and when {@code
   * reference} is a digest, bytes checked against it (else a permanent {@link RegistryException}).
   */
  public static Manifest manifestOf(String what, String reference, HttpResponse<byte[]> response)
      throws RegistryException {
    byte[] bytes = response.body();
    String type = response.headers().firstValue("Content-Type").map(OciClient::bare).orElse(null);
    if (type == null || !MediaTypes.MANIFESTS.contains(type)) {
      type = declaredMediaType(bytes, type, what);
    }
    Digest digest;
    if (Digest.looksLikeDigest(reference)) {
      digest = Digest.parse(reference);
      MessageDigest hasher = digest.newHasher();
      hasher.update(bytes);
      if (!digest.matches(hasher)) {
        throw new RegistryException(
            200, "DIGEST_INVALID", what + ": the bytes served do not have that digest", true);
      }
    } else {
      digest = Digest.sha256(bytes);
    }
    return new Manifest(digest, type, bytes);
  }

  /** PUT a manifest under a tag or its digest; the registry's refusal is permanent (4xx). */
  public void putManifest(String repo, String reference, String mediaType, byte[] bytes)
      throws IOException {
    String what = "PUT manifest " + repo + ":" + reference;
    URI uri = manifestUri(repo, reference);
    HttpResponse<byte[]> response =
        transport.send(
            what,
            Scopes.push(repo),
            () ->
                transport
                    .request(uri)
                    .header("Content-Type", mediaType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw transport.error(what, response);
    }
  }

  /** Deletes a manifest by digest (and so every tag on it); false when it was not there. */
  public boolean deleteManifest(String repo, String digest) throws IOException {
    String what = "DELETE manifest " + repo + "@" + digest;
    URI uri = manifestUri(repo, parseDigest(digest, what).toString());
    HttpResponse<byte[]> response =
        transport.send(
            what,
            Scopes.delete(repo),
            () -> transport.request(uri).DELETE(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() / 100 != 2) {
      throw transport.error(what, response);
    }
    return true;
  }

  public boolean hasBlob(String repo, String digest) throws IOException {
    String what = "HEAD blob " + repo + "@" + digest;
    URI uri = blobUri(repo, parseDigest(digest, what));
    HttpResponse<Void> response =
        transport.send(
            what,
            Scopes.pull(repo),
            () -> transport.request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.discarding());
    response =
        transport.followRedirects(
            what, Scopes.pull(repo), "HEAD", response, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() != 200) {
      throw transport.error(what, response);
    }
    return true;
  }

  /** The blob's bytes as a stream the caller closes. Absent → permanent 404. Not verified here. */
  public InputStream getBlob(String repo, String digest) throws IOException {
    String what = "GET blob " + repo + "@" + digest;
    URI uri = blobUri(repo, parseDigest(digest, what));
    HttpResponse<InputStream> response =
        transport.send(
            what,
            Scopes.pull(repo),
            () -> transport.request(uri).GET(),
            HttpResponse.BodyHandlers.ofInputStream());
    response =
        transport.followRedirects(
            what, Scopes.pull(repo), "GET", response, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw transport.error(what, response);
    }
    return response.body();
  }

  /** Cross-repository mount; false when the registry would not (the session it opened is ended). */
  public boolean mountBlob(String repo, String digest, String fromRepo) throws IOException {
    checkRepository(fromRepo);
    return uploads.mount(checkRepository(repo), parseDigest(digest, "mount"), fromRepo);
  }

  /**
   * Streams {@code size} bytes of {@code content} as blob {@code digest}: one PUT up to a chunk,
   * PATCHes of a chunk above. The digest is computed on the way; a mismatch fails permanently and
   * the upload is cancelled. Does not close {@code content}.
   */
  public void putBlob(String repo, String digest, long size, InputStream content)
      throws IOException {
    uploads.put(checkRepository(repo), parseDigest(digest, "push blob"), size, content);
  }

  /** Every tag of the repository, following {@code Link} pages; empty when it does not exist. */
  public List<String> tags(String repo) throws IOException {
    return listings.tags(checkRepository(repo));
  }

  /**
   * Every repository the registry lists at {@code GET /v2/_catalog}, following {@code Link} pages.
   * The catalog is optional in the distribution spec and many registries refuse it (Docker Hub, or
   * Harbor and GHCR to an account that is not an administrator): a 401, 403 or 404 is then a
   * permanent {@link RegistryException} that says the registry does not let this account list its
   * repositories, since retrying cannot change the registry's mind.
   */
  public List<String> catalog() throws IOException {
    return listings.catalog(PagedListings.CATALOG_PAGE);
  }

  /**
   * {@link #catalog()} asking for pages of {@code pageSize}: lets a test see the pages followed.
   */
  List<String> catalog(int pageSize) throws IOException {
    return listings.catalog(pageSize);
  }

  /**
   * The referrers of {@code digest} from the referrers API (every page, following {@code Link}), or
   * empty when the registry has no such API: a 404 without an OCI index body, or a 405, as
   * registries before OCI 1.1 answer.
   */
  public Optional<List<Descriptor>> referrers(String repo, String digest) throws IOException {
    String what = "referrers of " + repo + "@" + digest;
    Digest d = parseDigest(digest, what);
    List<Descriptor> all = new ArrayList<>();
    URI next = transport.uri("/v2/" + checkRepository(repo) + "/referrers/" + d);
    for (boolean firstPage = true; next != null; firstPage = false) {
      URI page = next;
      HttpResponse<byte[]> response =
          transport.send(
              what,
              Scopes.pull(repo),
              () -> transport.request(page).header("Accept", MediaTypes.OCI_INDEX).GET(),
              HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (firstPage && (status == 405 || status == 404 && !isIndex(response.body()))) {
        return Optional.empty();
      }
      if (status != 200 && status != 404) {
        throw transport.error(what, response);
      }
      try {
        all.addAll(io.cairn.oci.Manifest.parse(response.body(), MediaTypes.OCI_INDEX).manifests());
      } catch (OciException notAnIndex) {
        throw new RegistryException(
            status,
            "MANIFEST_INVALID",
            what + ": not an image index: " + notAnIndex.getMessage(),
            true);
      }
      next = nextPage(response);
    }
    return Optional.of(all);
  }

  private URI nextPage(HttpResponse<?> response) {
    return listings.nextPage(response);
  }

  private static boolean isIndex(byte[] body) {
    try {
      return io.cairn.oci.Manifest.parse(body, MediaTypes.OCI_INDEX).isIndex();
    } catch (OciException e) {
      return false;
    }
  }

  /** Nothing to release: the JDK 17 HTTP client frees its connections when unreferenced. */
  @Override
  public void close() {}

  private URI manifestUri(String repo, String reference) throws RegistryException {
    checkRepository(repo);
    if (reference != null && Digest.looksLikeDigest(reference)) {
      parseDigest(reference, "manifest reference");
    } else if (reference == null || !TAG.matcher(reference).matches()) {
      throw new RegistryException(
          0, "TAG_INVALID", "not a tag or digest: '" + reference + "'", true);
    }
    return transport.uri("/v2/" + repo + "/manifests/" + reference);
  }

  private URI blobUri(String repo, Digest digest) throws RegistryException {
    return transport.uri("/v2/" + checkRepository(repo) + "/blobs/" + digest);
  }

  /** Bad names come from data (events, policies), so they fail like a registry's 400 would. */
  private static String checkRepository(String repo) throws RegistryException {
    if (repo == null || repo.length() > 255 || !REPOSITORY.matcher(repo).matches()) {
      throw new RegistryException(0, "NAME_INVALID", "not a repository name: '" + repo + "'", true);
    }
    return repo;
  }

  private static Digest parseDigest(String digest, String what) throws RegistryException {
    try {
      return Digest.parse(digest);
    } catch (OciException e) {
      throw new RegistryException(0, "DIGEST_INVALID", what + ": " + e.getMessage(), true);
    }
  }

  private static String declaredMediaType(byte[] bytes, String served, String what)
      throws RegistryException {
    String declared = Json.mediaType(bytes);
    if (declared == null || !MediaTypes.MANIFESTS.contains(declared)) {
      throw new RegistryException(
          200,
          "MANIFEST_INVALID",
          what + ": served as '" + served + "', which is not a manifest type",
          true);
    }
    return declared;
  }

  private static String bare(String contentType) {
    return contentType.split(";", 2)[0].trim();
  }
}
