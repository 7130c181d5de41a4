package io.cairn.ops.consistency;

import static io.cairn.ops.testing.RegistryClient.expect;

import io.cairn.ops.testing.RegistryClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a client can observe of a registry, read over HTTP: the catalog (paged), every
 * repository's tags (paged), every tagged manifest's bytes, and the referrers of every listed
 * subject. Two snapshots are equal when no client could tell the registries apart.
 */
record RegistrySnapshot(Map<String, String> answers) {

  static RegistrySnapshot take(RegistryClient client, List<String> subjects) throws Exception {
    Map<String, String> answers = new TreeMap<>();
    List<String> repositories = paged(client, "/v2/_catalog", "repositories");
    answers.put("catalog", String.join(",", repositories));
    for (String repo : repositories) {
      List<String> tags = paged(client, "/v2/" + repo + "/tags/list", "tags");
      answers.put(repo + " tags", String.join(",", tags));
      for (String tag : tags) {
        HttpResponse<byte[]> m = client.getManifest(repo, tag);
        expect(200, m);
        String digest = m.headers().firstValue("Docker-Content-Digest").orElseThrow();
        answers.put(
            repo + ":" + tag,
            digest
                + " "
                + m.headers().firstValue("Content-Type").orElse("")
                + " "
                + Base64.getEncoder().encodeToString(m.body()));
        answers.put(
            repo + "@" + digest, Integer.toString(client.getManifest(repo, digest).statusCode()));
      }
      for (String subject : subjects) {
        HttpResponse<String> r = client.get("/v2/" + repo + "/referrers/" + subject);
        expect(200, r);
        answers.put(repo + " referrers " + subject, r.body());
      }
    }
    return new RegistrySnapshot(answers);
  }

  /** Follows {@code n}/{@code last} pages of 7 to exercise paging too. */
  private static List<String> paged(RegistryClient client, String path, String field)
      throws Exception {
    List<String> all = new ArrayList<>();
    String last = null;
    while (true) {
      HttpResponse<String> r = client.get(path + "?n=7" + (last == null ? "" : "&last=" + last));
      expect(200, r);
      JsonArray page = new JsonObject(r.body()).getJsonArray(field);
      page.forEach(v -> all.add((String) v));
      if (r.headers().firstValue("Link").isEmpty()) {
        return all;
      }
      last = all.get(all.size() - 1);
    }
  }
}
