package io.cairn.api.distribution;

import io.cairn.accessory.AccessoryClassifier;
import io.cairn.accessory.AccessoryLink;
import io.cairn.api.Access;
import io.cairn.api.ArtifactDeletion;
import io.cairn.api.Backend;
import io.cairn.api.RequestEvents;
import io.cairn.api.auth.Action;
import io.cairn.api.immutable.ImmutableGuard;
import io.cairn.api.trust.VerdictWait;
import io.cairn.events.AccessoryAttached;
import io.cairn.events.Actor;
import io.cairn.events.DeleteReason;
import io.cairn.events.ManifestPut;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagSet;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.Reference;
import io.cairn.projection.RegistryView;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * end-7: {@code PUT /v2/<name>/manifests/<reference>}. Validate (grammar, digest, JSON, the blobs
 * and children it names), store the bytes as a blob, then record {@code ManifestPut} and {@code
 * TagSet} in one transaction and answer once the projection shows them.
 */
final class ManifestPuts {
  private final Backend backend;
  private final ProjectGate projects;
  private final VerdictWait verdicts;

  ManifestPuts(Backend backend, ProjectGate projects) {
    this.backend = backend;
    this.projects = projects;
    this.verdicts = new VerdictWait(backend);
  }

  Future<Void> handle(RoutingContext ctx, V2Path path) {
    ctx.request().pause();
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(path.repository(), Action.PUSH))
        .compose(actor -> projects.requireProject(path.name()).map(actor))
        .compose(
            actor -> {
              Reference reference = Reference.parse(path.argument());
              String length = ctx.request().getHeader("Content-Length");
              if (length != null && parseLength(length) > Manifest.MAX_BYTES) {
                throw tooLarge(parseLength(length));
              }
              return BoundedBody.read(ctx.request(), Manifest.MAX_BYTES)
                  .compose(body -> accept(ctx, path, reference, actor, body));
            });
  }

  private Future<Void> accept(
      RoutingContext ctx, V2Path path, Reference reference, Actor actor, Buffer body) {
    byte[] bytes = body.getBytes();
    Digest digest = digestOf(bytes, reference);
    Manifest manifest = Manifest.parse(bytes, ctx.request().getHeader("Content-Type"));
    String repository = path.repository();
    requireReferencedContent(repository, manifest);
    List<AccessoryLink> links =
        AccessoryClassifier.classify(reference, manifest, digest, bytes.length);
    List<RegistryEvent> events =
        events(repository, reference, actor, digest, manifest, bytes.length, links);
    return backend
        .vertx()
        .executeBlocking(
            () -> backend.blobs().put(digest.toString(), new ByteArrayInputStream(bytes)))
        .compose(stored -> backend.writer().write(events))
        .compose(v -> verdicts.covered(repository, links))
        .compose(
            v -> {
              var response =
                  ctx.response()
                      .setStatusCode(201)
                      .putHeader("Location", "/v2/" + repository + "/manifests/" + digest)
                      .putHeader("Docker-Content-Digest", digest.toString())
                      .putHeader("Content-Length", "0");
              if (manifest.subject() != null) {
                response.putHeader("OCI-Subject", manifest.subject().digest().toString());
              }
              return response.end();
            });
  }

  /** The digest of the bytes, in the reference's algorithm when it names one. */
  private static Digest digestOf(byte[] bytes, Reference reference) {
    if (reference instanceof Reference.ByDigest named) {
      java.security.MessageDigest hasher = named.digest().newHasher();
      hasher.update(bytes);
      if (!named.digest().matches(hasher)) {
        throw OciErrorCode.DIGEST_INVALID.exception(
            "manifest content does not match the digest " + named.digest() + " in the path");
      }
      return named.digest();
    }
    return Digest.sha256(bytes);
  }

  /** Layers and config must be blobs of this repository; index children its manifests. */
  private void requireReferencedContent(String repository, Manifest manifest) {
    RegistryView view = backend.view();
    List<String> missing = new ArrayList<>();
    for (Descriptor blob : manifest.blobs()) {
      String d = blob.digest().toString();
      if (view.blob(repository, d).isEmpty() && view.manifest(repository, d).isEmpty()) {
        missing.add(d);
      }
    }
    for (Descriptor child : manifest.manifests()) {
      if (view.manifest(repository, child.digest().toString()).isEmpty()) {
        missing.add(child.digest().toString());
      }
    }
    if (!missing.isEmpty()) {
      throw OciErrorCode.MANIFEST_BLOB_UNKNOWN.exception(
          "manifest references content not in " + repository + ": " + String.join(", ", missing),
          Map.of("digests", missing));
    }
  }

  /**
   * The request's events, in fold order: the manifest, its accessory links, the tag, and what a
   * cosign re-sign supersedes. One transaction when there are several.
   */
  private List<RegistryEvent> events(
      String repository,
      Reference reference,
      Actor actor,
      Digest digest,
      Manifest manifest,
      int size,
      List<AccessoryLink> links) {
    RequestEvents.Batch batch = backend.events().begin(actor);
    List<RegistryEvent> events = new ArrayList<>(4);
    RegistryView view = backend.view();
    if (view.manifest(repository, digest.toString()).isEmpty()) {
      events.add(batch.repository(repository, manifestPut(digest, manifest, size)));
    }
    for (AccessoryLink link : links) {
      String accessory = link.accessory().toString();
      if (!view.subjectsOf(repository, accessory).containsKey(link.subject().toString())) {
        events.add(
            batch.repository(
                repository,
                new AccessoryAttached(
                    link.subject().toString(), accessory, link.type().wireName(), link.size())));
      }
    }
    if (reference instanceof Reference.ByTag tag) {
      String name = tag.tag().value();
      Optional<String> previous = view.tag(repository, name);
      if (previous.isEmpty() || !previous.get().equals(digest.toString())) {
        if (previous.isPresent()) {
          new ImmutableGuard(view).checkTagMove(repository, name, previous.get(), manifest);
        }
        events.add(
            batch.repository(
                repository, new TagSet(name, digest.toString(), previous.orElse(null))));
        previous
            .filter(old -> supersedes(view, repository, links, name, old))
            .ifPresent(
                old ->
                    events.addAll(
                        new ArtifactDeletion(view)
                            .of(batch, repository, old, DeleteReason.SUPERSEDED, name)));
      }
    }
    return events;
  }

  /**
   * Whether moving a cosign tag from {@code old} to the new manifest supersedes {@code old}: cosign
   * re-signs by pushing the tag again with one more layer, so the previous signature manifest would
   * be left behind as an untagged orphan. It goes only if nothing else tags it.
   */
  private static boolean supersedes(
      RegistryView view, String repository, List<AccessoryLink> links, String tag, String old) {
    for (AccessoryLink link : links) {
      if (link.via() == AccessoryLink.Via.TAG
          && link.type()
              .wireName()
              .equals(view.subjectsOf(repository, old).get(link.subject().toString()))
          && view.tagsOf(repository, old).equals(List.of(tag))) {
        return true;
      }
    }
    return false;
  }

  private static ManifestPut manifestPut(Digest digest, Manifest manifest, int size) {
    return ManifestPut.newBuilder()
        .setDigest(digest.toString())
        .setMediaType(manifest.mediaType())
        .setSize(size)
        .setArtifactType(manifest.artifactType())
        .setConfigDigest(manifest.config() == null ? null : manifest.config().digest().toString())
        .setConfigMediaType(manifest.config() == null ? null : manifest.config().mediaType())
        .setLayerDigests(manifest.layers().stream().map(d -> d.digest().toString()).toList())
        .setChildDigests(manifest.manifests().stream().map(d -> d.digest().toString()).toList())
        .setSubjectDigest(
            manifest.subject() == null ? null : manifest.subject().digest().toString())
        .setAnnotations(manifest.annotations())
        .build();
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw OciErrorCode.SIZE_INVALID.exception("malformed Content-Length '" + header + "'");
    }
  }

  static RuntimeException tooLarge(long size) {
    return OciErrorCode.MANIFEST_TOO_LARGE.exception(
        "manifest is " + size + " bytes; the limit is " + Manifest.MAX_BYTES,
        Map.of("limit", Manifest.MAX_BYTES));
  }
}
