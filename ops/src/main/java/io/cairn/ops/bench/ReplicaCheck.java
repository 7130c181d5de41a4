package io.cairn.ops.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the lag alone does not show, read after the load: that every image's tag at the target names
 * the digest pushed at the source (a signature arriving says nothing of a subject overwritten
 * later), how many images and signatures the target lists, and that a registry's accessories API
 * types a signature as {@code signature.cosign} (else the bench would time plain tags, not
 * signatures).
 */
final class ReplicaCheck {
  private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json";

  private final HttpClient http = HttpClient.newHttpClient();

  /** Images whose tag at {@code site} is missing or names another digest. */
  List<String> wrongSubjects(ReplicatingPair.Site site, String repository, List<SignedImage> images)
      throws IOException, InterruptedException {
    List<String> wrong = new ArrayList<>();
    for (SignedImage image : images) {
      HttpResponse<Void> head =
          http.send(
              HttpRequest.newBuilder(site.url("/v2/" + repository + "/manifests/" + image.tag()))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .header("Accept", ACCEPT)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      Optional<String> digest = head.headers().firstValue("Docker-Content-Digest");
      if (head.statusCode() != 200 || !digest.equals(Optional.of(image.digest().toString()))) {
        wrong.add(image.tag() + " (" + head.statusCode() + " " + digest.orElse("no digest") + ")");
      }
    }
    return wrong;
  }

  /** Every tag of {@code repository} at {@code site}, following the listing's pages. */
  List<String> tags(ReplicatingPair.Site site, String repository)
      throws IOException, InterruptedException {
    List<String> tags = new ArrayList<>();
    String next = "/v2/" + repository + "/tags/list?n=1000";
    while (next != null) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(site.url(next)).build(), HttpResponse.BodyHandlers.ofString());
      if (page.statusCode() != 200) {
        throw new IOException("GET " + next + " → " + page.statusCode() + ": " + page.body());
      }
      JsonArray names = new JsonObject(page.body()).getJsonArray("tags", new JsonArray());
      names.forEach(name -> tags.add((String) name));
      next = page.headers().firstValue("Link").map(ReplicaCheck::nextPage).orElse(null);
    }
    return tags;
  }

  /** {@code <path>; rel="next"} → path. */
  private static String nextPage(String link) {
    int open = link.indexOf('<');
    int close = link.indexOf('>', open + 1);
    return open < 0 || close < 0 ? null : link.substring(open + 1, close);
  }

  /** The types the accessories API of {@code site} gives {@code image}'s accessories. */
  List<String> accessoryTypes(
      ReplicatingPair.Site site, String project, String name, SignedImage image)
      throws IOException, InterruptedException {
    List<String> types = new ArrayList<>();
    accessories(site, project, name, image)
        .forEach(a -> types.add(((JsonObject) a).getString("type")));
    return types;
  }

  /**
   * Images of {@code images} whose accessories at {@code site} are not exactly their own signature,
   * typed {@code signature.cosign}: a signature copied as a plain tag, or linked to nothing.
   */
  List<String> unlinkedSignatures(
      ReplicatingPair.Site site, String project, String name, List<SignedImage> images)
      throws IOException, InterruptedException {
    List<String> unlinked = new ArrayList<>();
    for (SignedImage image : images) {
      JsonArray found = accessories(site, project, name, image);
      JsonObject only = found.size() == 1 ? found.getJsonObject(0) : new JsonObject();
      if (!"signature.cosign".equals(only.getString("type"))
          || !image.signatureDigest().toString().equals(only.getString("digest"))) {
        unlinked.add(image.tag() + " (" + found.encode() + ")");
      }
    }
    return unlinked;
  }

  private static JsonArray accessories(
      ReplicatingPair.Site site, String project, String name, SignedImage image)
      throws IOException, InterruptedException {
    return new JsonArray(
        new HarborApi(site)
            .get(
                "/api/v2.0/projects/"
                    + project
                    + "/repositories/"
                    + name
                    + "/artifacts/"
                    + image.digest()
                    + "/accessories"));
  }
}
