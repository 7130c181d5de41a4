package io.cairn.replication.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.OciException;
import io.cairn.replication.copy.AccessoryFinder;
import io.cairn.replication.copy.ReferrersTagIndex;
import io.cairn.replication.oci.Endpoint;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the source Cairn says about an artifact now: which subject it belongs to (following OCI
 * {@code subject} fields up from an accessory), the subject's tags and whether it is an image. Read
 * over HTTP only — the OCI API and Harbor's artifact API — so the connector needs nothing of Cairn
 * in its process.
 */
final class SourceArtifacts implements AccessoryFinder {
  /** Accessories of accessories are a few levels deep; a longer chain is a loop. */
  private static final int MAX_DEPTH = 8;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The subject as the source has it, and for an untagged one the indexes that list it: an index
   * child travels with its index, so a filter on tags reaches it through the index's tags.
   *
   * @param held why the source would not yet serve the subject to an ordinary reader, or empty when
   *     it would: its project's content trust asks for a signature (a verified one, in verified
   *     mode) that it does not have yet
   * @param read the manifests read on the way up, by digest, the subject's among them: the copier
   *     need not ask for them again
   */
  record Subject(
      String digest,
      List<String> tags,
      boolean image,
      List<String> parents,
      Optional<String> held,
      Map<Digest, io.cairn.replication.oci.Manifest> read) {}

  /**
   * A manifest as the source serves it (null when it withholds it from the account too), and why a
   * reader would not get it (empty: would).
   */
  private record Read(io.cairn.replication.oci.Manifest manifest, Optional<String> held) {}

  /** Cairn's request header asking to be gated as a reader would be (its ContentTrustGate). */
  private static final String TRUST_AS_READER = "Cairn-Content-Trust";

  /** Harbor's largest page: fewer requests when looking for an index child's parents. */
  private static final int PAGE_SIZE = 100;

  /** The accessory types cosign pushes under its tag scheme, and each one's tag suffix. */
  private static final Map<String, String> COSIGN_TAG_SUFFIX =
      Map.of("signature.cosign", ".sig", "attestation.cosign", ".att", "sbom.cosign", ".sbom");

  private final OciClient oci;
  private final Endpoint endpoint;
  private final HttpClient http;
  private final Duration timeout;

  SourceArtifacts(OciClient oci, Endpoint endpoint, Duration timeout) {
    this.oci = oci;
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * The subject {@code digest} belongs to (itself when it refers to nothing), or empty when the
   * source no longer has it.
   */
  Optional<Subject> subjectOf(String repository, String digest) throws IOException {
    Map<Digest, io.cairn.replication.oci.Manifest> read = new HashMap<>();
    String current = digest;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      Read got = read(repository, current);
      if (got == null) {
        return Optional.empty(); // gone from the source
      }
      if (got.manifest() == null) {
        return describe(repository, current, got.held(), read); // withheld from the account too
      }
      read.put(got.manifest().digest(), got.manifest());
      Optional<String> up = subjectField(got.manifest());
      if (up.isEmpty()) {
        return describe(repository, current, got.held(), read);
      }
      current = up.get();
    }
    throw new IOException("subject chain of " + digest + " in " + repository + " is too deep");
  }

  /**
   * Reads the manifest as an ordinary reader would be served it ({@link #TRUST_AS_READER}), so one
   * request answers both what it is and whether it may travel yet; a manifest withheld costs a
   * second, plain read. Replication itself may read anything; it asks so that a target never
   * receives a subject before the signature that makes it pullable at the source. Null when the
   * source no longer has it.
   *
   * <p>The plain read goes with the account's own credentials (Basic): Cairn exempts from content
   * trust only a caller whose own permissions allow a push, never a token (the OCI client signs in
   * for a pull token) nor the anonymous caller that a public project answers without a challenge.
   * An account that may not push there is withheld the manifest as well: it is then held where it
   * is, with no manifest read and its own subject unknown.
   */
  private Read read(String repository, String digest) throws IOException {
    String held;
    try {
      return new Read(
          oci.getManifest(repository, digest, TRUST_AS_READER, "enforce"), Optional.empty());
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return null;
      }
      if (e.status() != 412) {
        throw e;
      }
      held = e.getMessage();
    }
    String what = "GET manifest " + repository + ":" + digest;
    HttpResponse<byte[]> plain =
        get("/v2/" + repository + "/manifests/" + digest, "Accept", OciClient.MANIFEST_ACCEPT);
    return switch (plain.statusCode()) {
      case 200 -> new Read(OciClient.manifestOf(what, digest, plain), Optional.of(held));
      case 404 -> null; // deleted between the two reads
      case 412 -> new Read(null, Optional.of(held));
      default ->
          throw new IOException(
              "the source answered " + plain.statusCode() + " for " + what + " as its account");
    };
  }

  /** The manifest's {@code subject} digest; empty if it has none (or is no manifest we read). */
  private static Optional<String> subjectField(io.cairn.replication.oci.Manifest got) {
    try {
      Manifest manifest = Manifest.parse(got.bytes(), got.mediaType());
      return Optional.ofNullable(manifest.subject()).map(s -> s.digest().toString());
    } catch (OciException unreadable) {
      return Optional.empty(); // the copier refuses it with the reason
    }
  }

  /**
   * Waits until the source's projection has applied {@code offset} of {@code partition} of its
   * event log, so a read that follows sees what that event wrote: otherwise an artifact the
   * connector has just heard of could still be missing there and be taken for deleted.
   */
  void awaitApplied(int partition, long offset) throws IOException {
    HttpResponse<byte[]> response =
        get("/api/v2.0/cairn/applied?partition=" + partition + "&offset=" + offset);
    if (response.statusCode() != 200) {
      throw new IOException(
          "the source has not applied offset "
              + offset
              + " of partition "
              + partition
              + " (HTTP "
              + response.statusCode()
              + ")");
    }
  }

  /**
   * The accessories the source lists for {@code subject}: Harbor's accessories API, one request
   * where the OCI API takes a referrers query and three cosign tag HEADs. The closure is what the
   * source itself calls the artifact's accessories. A cosign-typed one goes under its cosign tag
   * when that tag names it — one HEAD each, since the list does not say whether it was attached by
   * the tag or by an OCI {@code subject} field.
   */
  @Override
  public List<Found> of(String repository, Digest subject) throws IOException {
    int slash = repository.indexOf('/');
    String base =
        "/api/v2.0/projects/"
            + repository.substring(0, slash)
            + "/repositories/"
            + harborName(repository)
            + "/artifacts/"
            + subject
            + "/accessories?page_size="
            + PAGE_SIZE
            + "&page=";
    List<Found> found = new ArrayList<>();
    for (int page = 1; ; page++) {
      HttpResponse<byte[]> response = get(base + page);
      if (response.statusCode() == 404) {
        return found; // the subject went since it was read: its deletion event follows
      }
      if (response.statusCode() != 200) {
        throw new IOException(
            "the source answered "
                + response.statusCode()
                + " listing the accessories of "
                + subject
                + " in "
                + repository);
      }
      JsonNode listed = JSON.readTree(response.body());
      for (JsonNode accessory : listed) {
        Digest digest = Digest.parse(accessory.path("digest").asText());
        String suffix = COSIGN_TAG_SUFFIX.get(accessory.path("type").asText());
        String tag = suffix == null ? null : ReferrersTagIndex.tagFor(subject) + suffix;
        boolean tagged =
            tag != null
                && oci.headManifest(repository, tag)
                    .filter(d -> d.digest().equals(digest))
                    .isPresent();
        found.add(new Found(digest, tagged ? tag : null));
      }
      if (listed.size() < PAGE_SIZE) {
        return found;
      }
    }
  }

  /** Harbor's repository_name path parameter: a '/' inside it is encoded twice. */
  private static String harborName(String repository) {
    return URLEncoder.encode(
            repository.substring(repository.indexOf('/') + 1), StandardCharsets.UTF_8)
        .replace("%", "%25");
  }

  /** The source's schema registry, signed in as the source account. */
  static String schemaRegistry(Endpoint source) {
    URI base = source.url();
    String userInfo =
        source.username() == null
            ? ""
            : URLEncoder.encode(source.username(), StandardCharsets.UTF_8)
                + ":"
                + URLEncoder.encode(source.secret(), StandardCharsets.UTF_8)
                + "@";
    return base.getScheme() + "://" + userInfo + base.getRawAuthority() + "/schema-registry";
  }

  /** Harbor's artifact JSON: {@code tags[].name} and {@code type}. */
  private Optional<Subject> describe(
      String repository,
      String digest,
      Optional<String> held,
      Map<Digest, io.cairn.replication.oci.Manifest> read)
      throws IOException {
    int slash = repository.indexOf('/');
    String project = repository.substring(0, slash);
    String name = harborName(repository);
    HttpResponse<byte[]> response =
        get(
            "/api/v2.0/projects/"
                + project
                + "/repositories/"
                + name
                + "/artifacts/"
                + digest
                + "?with_tag=true&with_accessory=false");
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "the source answered "
              + response.statusCode()
              + " for artifact "
              + digest
              + " of "
              + repository);
    }
    JsonNode artifact = JSON.readTree(response.body());
    List<String> tags = new ArrayList<>();
    artifact.path("tags").forEach(t -> tags.add(t.path("name").asText()));
    boolean image = "IMAGE".equals(artifact.path("type").asText());
    List<String> parents = tags.isEmpty() ? parents(project, name, digest) : List.of();
    return Optional.of(new Subject(digest, tags, image, parents, held, Map.copyOf(read)));
  }

  /** The artifacts of the repository whose {@code references} list {@code digest}. */
  private List<String> parents(String project, String encodedName, String digest)
      throws IOException {
    List<String> parents = new ArrayList<>();
    for (int page = 1; ; page++) {
      HttpResponse<byte[]> response =
          get(
              "/api/v2.0/projects/"
                  + project
                  + "/repositories/"
                  + encodedName
                  + "/artifacts?with_tag=false&page_size="
                  + PAGE_SIZE
                  + "&page="
                  + page);
      if (response.statusCode() != 200) {
        throw new IOException(
            "the source answered " + response.statusCode() + " listing the artifacts");
      }
      JsonNode artifacts = JSON.readTree(response.body());
      for (JsonNode artifact : artifacts) {
        for (JsonNode reference : artifact.path("references")) {
          if (digest.equals(reference.path("child_digest").asText())) {
            parents.add(artifact.path("digest").asText());
          }
        }
      }
      if (artifacts.size() < PAGE_SIZE) {
        return parents;
      }
    }
  }

  private HttpResponse<byte[]> get(String pathAndQuery) throws IOException {
    return get(pathAndQuery, "Accept", "application/json");
  }

  /** A GET with Basic credentials and {@code headers} (name, value, name, value…). */
  private HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.url().resolve(pathAndQuery))
            .timeout(timeout)
            .headers(headers);
    if (endpoint.username() != null) {
      request.header("Authorization", endpoint.basicAuthorization());
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the source " + pathAndQuery, e);
    }
  }
}
