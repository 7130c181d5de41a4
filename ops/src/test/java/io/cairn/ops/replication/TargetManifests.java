package io.cairn.ops.replication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A replication target's manifests as a client sees them (HEAD, as skopeo checks one): what a
 * reference names there now, and waits for replication to land or to delete.
 */
final class TargetManifests {
  private static final String ACCEPT =
      "application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json";

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param base the target's URL, {@code http://host:port}
   */
  TargetManifests(String base) {
    this.base = base;
  }

  /** The status of a HEAD of {@code repo}'s manifest {@code reference}. */
  int status(String repo, String reference) throws Exception {
    return head(repo, reference).statusCode();
  }

  /**
   * Waits until {@code reference} names {@code digest}; fails naming what it last saw and {@code
   * why}'s account of the replicator (its state, its log).
   */
  void awaitDigest(
      String repo, String reference, String digest, Duration within, Supplier<String> why)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    String seen = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<Void> r = head(repo, reference);
      seen = r.statusCode() + " " + r.headers().firstValue("Docker-Content-Digest").orElse("");
      if (r.statusCode() == 200 && seen.endsWith(digest)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        repo + ":" + reference + " never became " + digest + " (last " + seen + ")" + why.get());
  }

  /** Waits until {@code reference} names nothing. */
  void awaitGone(String repo, String reference, Duration within, Supplier<String> why)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (status(repo, reference) == 404) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(repo + "@" + reference + " is still at the target" + why.get());
  }

  private HttpResponse<Void> head(String repo, String reference) throws Exception {
    HttpRequest head =
        HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + reference))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("Accept", ACCEPT)
            .build();
    return http.send(head, HttpResponse.BodyHandlers.discarding());
  }
}
