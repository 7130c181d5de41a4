package io.cairn.api.trust;

import io.cairn.accessory.AccessoryType;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.auth.Caller;
import io.cairn.api.auth.Permissions;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.AccessoryEntry;
import io.cairn.projection.ManifestEntry;
import io.cairn.projection.ProjectEntry;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Harbor's content trust at pull: in a project with {@code enable_content_trust_cosign} (or {@code
 * enable_content_trust}, Notation) set, a manifest GET or HEAD of an artifact without a Cosign (or
 * Notation) signature is refused with 412 {@code PROJECTPOLICYVIOLATION}. Not gated: blobs,
 * accessories themselves (signatures, SBOMs), and callers who may push to the repository — signing
 * tools read the manifest they sign. Unlike Harbor, the exemption follows permissions, never the
 * User-Agent. A child of a signed index counts as signed, so a multi-platform pull of a signed
 * index works.
 */
public final class ContentTrustGate {
  static final String COSIGN = "enable_content_trust_cosign";
  static final String NOTATION = "enable_content_trust";

  private final Backend backend;
  private final Clock clock;

  public ContentTrustGate(Backend backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
  }

  /** Succeeds if {@code manifest} of {@code repository} may be served to this request. */
  public Future<Void> check(RoutingContext ctx, String repository, ManifestEntry manifest) {
    String project = repository.substring(0, repository.indexOf('/'));
    ProjectEntry entry = backend.view().project(project).orElse(null);
    if (entry == null || requirements(entry).isEmpty()) {
      return Future.succeededFuture();
    }
    List<AccessoryType> required = requirements(entry);
    if (!backend.view().subjectsOf(repository, manifest.digest()).isEmpty()) {
      return Future.succeededFuture(); // an accessory is never gated, or nothing could verify it
    }
    return backend
        .authorizer()
        .caller(ctx)
        .compose(
            caller -> {
              if (mayPush(caller, entry)) {
                return Future.succeededFuture();
              }
              for (AccessoryType type : required) {
                if (!signed(repository, manifest, type)) {
                  String tool = type == AccessoryType.SIGNATURE_COSIGN ? "cosign" : "notation";
                  backend
                      .accessLog()
                      .denied(
                          caller.actor(),
                          repository + "@" + manifest.digest(),
                          "pull",
                          "content trust: not signed by " + tool);
                  return Future.failedFuture(
                      OciErrorCode.PROJECTPOLICYVIOLATION.exception(
                          "The image is not signed by " + tool + "."));
                }
              }
              return Future.succeededFuture();
            });
  }

  private boolean mayPush(Caller caller, ProjectEntry project) {
    if (caller.token() != null) {
      return false; // a token says what it grants; a pull token does not exempt
    }
    return caller.may(
        new Permissions.Project(project.name(), project.isPublic()), Action.PUSH, clock.instant());
  }

  private static List<AccessoryType> requirements(ProjectEntry project) {
    List<AccessoryType> required = new ArrayList<>(2);
    if ("true".equals(project.meta(COSIGN))) {
      required.add(AccessoryType.SIGNATURE_COSIGN);
    }
    if ("true".equals(project.meta(NOTATION))) {
      required.add(AccessoryType.SIGNATURE_NOTATION);
    }
    return required;
  }

  private boolean signed(String repository, ManifestEntry manifest, AccessoryType type) {
    if (hasSignature(repository, manifest.digest(), type)) {
      return true;
    }
    for (ManifestEntry index : backend.view().manifests(repository)) {
      if (index.children() != null
          && index.children().contains(manifest.digest())
          && hasSignature(repository, index.digest(), type)) {
        return true;
      }
    }
    return false;
  }

  private boolean hasSignature(String repository, String digest, AccessoryType type) {
    for (AccessoryEntry accessory : backend.view().accessories(repository, digest)) {
      if (type.wireName().equals(accessory.type())) {
        return true;
      }
    }
    return false;
  }
}
