package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.ArtifactDeletion;
import io.cairn.api.Backend;
import io.cairn.api.RequestEvents;
import io.cairn.api.auth.Action;
import io.cairn.api.immutable.ImmutableGuard;
import io.cairn.events.Actor;
import io.cairn.events.BlobUnlinked;
import io.cairn.events.DeleteReason;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagDeleted;
import io.cairn.oci.Digest;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.Reference;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * end-9 and end-10. Deleting a manifest by digest removes it and every tag on it (one transaction);
 * deleting by tag removes only the tag; neither may touch what an immutable tag rule protects
 * ({@link ImmutableGuard}). Deleting a blob unlinks it from the repository; its bytes stay for
 * garbage collection to decide.
 */
final class Deletes {
  private final Backend backend;

  Deletes(Backend backend) {
    this.backend = backend;
  }

  Future<Void> manifest(RoutingContext ctx, V2Path path) {
    String repository = path.repository();
    return authorize(ctx, path)
        .compose(
            actor -> {
              Reference reference = ManifestReads.existing(repository, path.argument());
              RequestEvents.Batch batch = backend.events().begin(actor);
              List<RegistryEvent> events =
                  reference instanceof Reference.ByDigest d
                      ? deleteManifest(batch, repository, d.digest())
                      : untag(batch, repository, reference.toString());
              return backend.writer().write(events);
            })
        .compose(v -> ctx.response().setStatusCode(202).putHeader("Content-Length", "0").end());
  }

  Future<Void> blob(RoutingContext ctx, V2Path path) {
    String repository = path.repository();
    return authorize(ctx, path)
        .compose(
            actor -> {
              Digest digest = Digest.parse(path.argument());
              if (backend.view().blob(repository, digest.toString()).isEmpty()) {
                throw OciErrorCode.BLOB_UNKNOWN.exception(
                    "blob " + digest + " is not in " + repository);
              }
              RegistryEvent unlink =
                  backend
                      .events()
                      .begin(actor)
                      .repository(repository, new BlobUnlinked(digest.toString()));
              return backend.writer().write(List.of(unlink));
            })
        .compose(v -> ctx.response().setStatusCode(202).putHeader("Content-Length", "0").end());
  }

  private List<RegistryEvent> untag(RequestEvents.Batch batch, String repository, String tag) {
    String digest =
        backend
            .view()
            .tag(repository, tag)
            .orElseThrow(
                () ->
                    OciErrorCode.MANIFEST_UNKNOWN.exception(
                        "tag " + tag + " is not in " + repository));
    new ImmutableGuard(backend.view()).checkTagDelete(repository, tag);
    return List.of(batch.repository(repository, new TagDeleted(tag, digest)));
  }

  private List<RegistryEvent> deleteManifest(
      RequestEvents.Batch batch, String repository, Digest digest) {
    String d = digest.toString();
    if (backend.view().manifest(repository, d).isEmpty()) {
      throw OciErrorCode.MANIFEST_UNKNOWN.exception("manifest " + d + " is not in " + repository);
    }
    new ImmutableGuard(backend.view()).checkDelete(repository, d);
    return new ArtifactDeletion(backend.view()).of(batch, repository, d, DeleteReason.USER, null);
  }

  private Future<Actor> authorize(RoutingContext ctx, V2Path path) {
    return backend.authorizer().authorize(ctx, Access.repository(path.repository(), Action.DELETE));
  }
}
