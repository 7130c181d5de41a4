package io.cairn.replication.oci;

import io.cairn.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Blob pushes (distribution spec "pushing blobs"): a single POST for small blobs where the registry
 * takes one, a monolithic POST + PUT for blobs up to one chunk, chunked PATCHes then a closing PUT
 * for larger ones, and cross-repository mounts. Content above {@link #SINGLE_POST_MAX} streams
 * through; nothing holds more than the HTTP client's buffers.
 */
final class BlobUploads {
  /**
   * Blobs up to this size go in one POST ({@code ?digest=}, end-4b): most of an image's manifests'
   * blobs (configs, signature payloads, small layers) are this small, and a request saved per blob
   * is a round trip saved per blob. Held in memory, so the body can be sent again when the registry
   * opens an ordinary session instead.
   */
  static final int SINGLE_POST_MAX = 256 * 1024;

  private final Transport transport;
  private final int chunkSize;

  /**
   * Whether the registry completes an upload from a single POST: unknown (null) until the first
   * small blob, then remembered. The spec lets a registry ignore the body and answer 202 with a
   * session (CNCF distribution does); such a registry costs one wasted body, once.
   */
  private volatile Boolean singlePost;

  BlobUploads(Transport transport, int chunkSize) {
    this.transport = transport;
    this.chunkSize = chunkSize;
  }

  /** 201 → mounted; 202 → the registry opened an ordinary upload instead, which is abandoned. */
  boolean mount(String repo, Digest digest, String fromRepo) throws RegistryException {
    String what = "mount " + digest + " from " + fromRepo + " into " + repo;
    URI uri =
        transport.uri(
            "/v2/"
                + repo
                + "/blobs/uploads/?mount="
                + encode(digest.toString())
                + "&from="
                + encode(fromRepo));
    HttpResponse<byte[]> response =
        transport.send(
            what,
            Scopes.push(repo),
            () -> transport.request(uri).POST(HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 201) {
      return true;
    }
    if (response.statusCode() == 202) {
      response.headers().firstValue("Location").ifPresent(l -> cancel(repo, l));
      return false;
    }
    throw transport.error(what, response);
  }

  void put(String repo, Digest digest, long size, InputStream content) throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("blob size must not be negative");
    }
    String what = "push blob " + digest + " to " + repo;
    if (size <= SINGLE_POST_MAX && !Boolean.FALSE.equals(singlePost)) {
      byte[] bytes = content.readNBytes((int) size);
      if (putSmall(repo, digest, bytes, what)) {
        return;
      }
      content = new ByteArrayInputStream(bytes);
    }
    String location = start(repo, what);
    MessageDigest hasher = digest.newHasher();
    InputStream in = new DigestInputStream(content, hasher);
    try {
      HttpResponse<byte[]> closing;
      if (size <= chunkSize) {
        closing = send(repo, what, "PUT", put(location, digest, size), in, size);
      } else {
        long offset = 0;
        while (offset < size) {
          long n = Math.min(chunkSize, size - offset);
          HttpRequest.Builder patch =
              transport
                  .request(transport.resolve(location))
                  .header("Content-Type", "application/octet-stream")
                  .header("Content-Range", offset + "-" + (offset + n - 1));
          HttpResponse<byte[]> response = send(repo, what, "PATCH", patch, in, n);
          if (response.statusCode() == 401) {
            throw transport.expired(what, Scopes.push(repo), response);
          }
          if (response.statusCode() != 202) {
            throw transport.error(what + " (chunk at " + offset + ")", response);
          }
          location = response.headers().firstValue("Location").orElse(location);
          offset += n;
        }
        checkDigest(digest, hasher, what);
        closing =
            transport.sendOnce(
                what,
                Scopes.push(repo),
                put(location, digest, 0).PUT(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray());
      }
      if (size <= chunkSize) {
        checkDigest(digest, hasher, what);
      }
      if (closing.statusCode() == 401) {
        throw transport.expired(what, Scopes.push(repo), closing);
      }
      if (closing.statusCode() != 201) {
        throw transport.error(what, closing);
      }
    } catch (IOException | RuntimeException e) {
      cancel(repo, location);
      throw e;
    }
  }

  /**
   * A small blob, in one POST where the registry takes it (201); where it answers 202 it opened an
   * ordinary session, which the same bytes then complete with a PUT. False when the registry
   * refused the form itself (400, 405, 415: some predate it): the caller pushes the ordinary way.
   */
  private boolean putSmall(String repo, Digest digest, byte[] bytes, String what)
      throws IOException {
    MessageDigest hasher = digest.newHasher();
    hasher.update(bytes);
    checkDigest(digest, hasher, what);
    URI uri = transport.uri("/v2/" + repo + "/blobs/uploads/?digest=" + encode(digest.toString()));
    HttpResponse<byte[]> response =
        transport.send(
            what,
            Scopes.push(repo),
            () ->
                transport
                    .request(uri)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
            HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    if (status == 201) {
      singlePost = true;
      return true;
    }
    if (status == 400 || status == 405 || status == 415) {
      singlePost = false;
      return false;
    }
    if (status != 202) {
      throw transport.error(what, response);
    }
    singlePost = false;
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new RegistryException(
                        202, null, what + ": upload answer has no Location", false));
    try {
      HttpResponse<byte[]> closing =
          transport.sendOnce(
              what,
              Scopes.push(repo),
              put(location, digest, bytes.length)
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
              HttpResponse.BodyHandlers.ofByteArray());
      if (closing.statusCode() == 401) {
        throw transport.expired(what, Scopes.push(repo), closing);
      }
      if (closing.statusCode() != 201) {
        throw transport.error(what, closing);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      cancel(repo, location);
      throw e;
    }
  }

  /** POST an upload session; its {@code Location}. Retried through the sign-in flow. */
  private String start(String repo, String what) throws RegistryException {
    URI uri = transport.uri("/v2/" + repo + "/blobs/uploads/");
    HttpResponse<byte[]> response =
        transport.send(
            what,
            Scopes.push(repo),
            () -> transport.request(uri).POST(HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 202) {
      throw transport.error(what, response);
    }
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(
            () ->
                new RegistryException(202, null, what + ": upload answer has no Location", false));
  }

  private HttpRequest.Builder put(String location, Digest digest, long bodySize) {
    URI uri = transport.resolve(location);
    String sep = uri.getRawQuery() == null ? "?" : "&";
    return transport
        .request(URI.create(uri + sep + "digest=" + encode(digest.toString())))
        .timeout(streamTimeout(bodySize))
        .header("Content-Type", "application/octet-stream");
  }

  /** Sends the next {@code n} bytes of {@code in} as the body of {@code request}. */
  private HttpResponse<byte[]> send(
      String repo, String what, String method, HttpRequest.Builder request, InputStream in, long n)
      throws RegistryException {
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> new Bounded(in, n)), n);
    request.timeout(streamTimeout(n));
    request.method(method, body);
    return transport.sendOnce(
        what, Scopes.push(repo), request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * The request timeout covers sending the body, so it grows with the body: the configured timeout
   * plus a second per KiB, the slowest {@code speed} a policy can set.
   */
  private Duration streamTimeout(long bytes) {
    return transport.timeout().plusSeconds(bytes / 1024);
  }

  private static void checkDigest(Digest expected, MessageDigest hasher, String what)
      throws RegistryException {
    if (!expected.matches(hasher)) {
      throw new RegistryException(
          0, "DIGEST_INVALID", what + ": the content read does not have digest " + expected, true);
    }
  }

  private void cancel(String repo, String location) {
    try {
      transport.sendOnce(
          "cancel upload",
          Scopes.push(repo),
          transport.request(transport.resolve(location)).DELETE(),
          HttpResponse.BodyHandlers.discarding());
    } catch (RegistryException ignored) {
      // An abandoned session expires at the registry; the failure that led here matters more.
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The next {@code limit} bytes of a stream that stays open for the next chunk. */
  private static final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buf, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // The underlying stream carries the next chunk; its owner closes it.
    }
  }
}
