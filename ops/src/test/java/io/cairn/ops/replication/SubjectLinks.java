package io.cairn.ops.replication;

import io.cairn.ops.testing.RegistryClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What a Cairn says is linked to a subject, through the two APIs clients read: Harbor's accessories
 * API and the OCI referrers API. Replication tests compare a target's answers with its source's.
 */
final class SubjectLinks {
  private SubjectLinks() {}

  /** Harbor's accessories of {@code subject}: "digest type" each, as the API lists them. */
  static List<String> accessories(RegistryClient client, String repo, String subject)
      throws Exception {
    int slash = repo.indexOf('/');
    HttpResponse<String> r =
        client.get(
            "/api/v2.0/projects/"
                + repo.substring(0, slash)
                + "/repositories/"
                + repo.substring(slash + 1)
                + "/artifacts/"
                + subject
                + "/accessories");
    if (r.statusCode() == 404) {
      return List.of();
    }
    RegistryClient.expect(200, r);
    List<String> out = new ArrayList<>();
    new JsonArray(r.body()).forEach(a -> out.add(entry((JsonObject) a, "type")));
    return out;
  }

  /** The referrers of {@code subject}: "digest artifactType" each, as the API lists them. */
  static List<String> referrers(RegistryClient client, String repo, String subject)
      throws Exception {
    HttpResponse<String> r = client.get("/v2/" + repo + "/referrers/" + subject);
    RegistryClient.expect(200, r);
    List<String> out = new ArrayList<>();
    new JsonObject(r.body())
        .getJsonArray("manifests")
        .forEach(m -> out.add(entry((JsonObject) m, "artifactType")));
    return out;
  }

  /**
   * Waits until {@code read} says {@code expected}; fails naming {@code what}, what it last said
   * and {@code why}'s account of the replicator.
   */
  static void await(
      String what,
      Callable<List<String>> read,
      List<String> expected,
      Duration within,
      Supplier<String> why)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = read.call();
      if (seen.equals(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + " are " + seen + ", not " + expected + "; " + why.get());
  }

  private static String entry(JsonObject listed, String kind) {
    return listed.getString("digest") + " " + listed.getString(kind);
  }
}
