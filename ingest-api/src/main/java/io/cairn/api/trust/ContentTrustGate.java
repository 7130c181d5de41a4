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
import io.cairn.projection.VerdictEntry;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Harbor's content trust at pull: in a project with {@code enable_content_trust_cosign} (or {@code
 * enable_content_trust}, Notation) set, a manifest GET or HEAD of an artifact without a Cosign (or
 * Notation) signature is refused with 412 {@code PROJECTPOLICYVIOLATION}. Not gated: blobs (layers
 * and configs, reachable only by digests a refused manifest does not reveal), the signatures
 * themselves ({@link SignaturePass}: a reader must fetch a signature to verify it), and callers who
 * may push to the repository — signing tools read the manifest they sign. Every other accessory
 * (SBOMs, attestations, anything with a {@code subject}) is an artifact and gated like one. Unlike
 * Harbor, the exemption follows permissions, never the User-Agent. A child of a signed index counts
 * as signed, so a multi-platform pull of a signed index works.
 *
 * <p>Beyond Harbor, {@code content_trust_mode: verified} asks for a signature that verified against
 * the project's trusted keys (Cosign) or trust stores and policy (Notation): one lookup of the
 * verdict the policy processor keeps per subject. A verdict decided with trust material that has
 * since changed does not count (fail closed) until the processor has decided again.
 *
 * <p>A caller who may push can ask to be gated like a reader ({@code Cairn-Content-Trust:
 * enforce}): it can only make the answer stricter.
 */
public final class ContentTrustGate {
  static final String COSIGN = "enable_content_trust_cosign";
  static final String NOTATION = "enable_content_trust";
  static final String MODE = "content_trust_mode";

  /** The request header that asks for the gate a reader gets: {@code Cairn-Content-Trust}. */
  public static final String AS_READER = "Cairn-Content-Trust";

  private static final List<AccessoryType> COSIGN_ONLY = List.of(AccessoryType.SIGNATURE_COSIGN);
  private static final List<AccessoryType> NOTATION_ONLY =
      List.of(AccessoryType.SIGNATURE_NOTATION);
  private static final List<AccessoryType> BOTH =
      List.of(AccessoryType.SIGNATURE_COSIGN, AccessoryType.SIGNATURE_NOTATION);

  private final Backend backend;
  private final Clock clock;
  private final SignaturePass signatures;

  public ContentTrustGate(Backend backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
    this.signatures = new SignaturePass(backend);
  }

  /** Succeeds if {@code manifest} of {@code repository} may be served to this request. */
  public Future<Void> check(RoutingContext ctx, String repository, ManifestEntry manifest) {
    String project = repository.substring(0, repository.indexOf('/'));
    ProjectEntry entry = backend.view().project(project).orElse(null);
    List<AccessoryType> required = entry == null ? List.of() : requirements(entry);
    if (required.isEmpty()) {
      return Future.succeededFuture();
    }
    boolean verified = "verified".equals(entry.meta(MODE));
    if (satisfiedDirectly(project, repository, manifest.digest(), required, verified)) {
      return Future.succeededFuture(); // the common case, from cached entries only
    }
    return backend
        .authorizer()
        .caller(ctx)
        .compose(
            caller -> {
              if (mayPush(caller, entry) && !asReader(ctx)) {
                return Future.succeededFuture();
              }
              return signatures
                  .passes(repository, manifest)
                  .compose(
                      signature ->
                          signature
                              ? Future.succeededFuture()
                              : requireSigned(
                                  caller, project, repository, manifest, required, verified));
            });
  }

  /** Fails with Harbor's 412 unless the manifest, or an index listing it, is signed as required. */
  private Future<Void> requireSigned(
      Caller caller,
      String project,
      String repository,
      ManifestEntry manifest,
      List<AccessoryType> required,
      boolean verified) {
    for (AccessoryType type : required) {
      String failure =
          verified
              ? unverified(project, repository, manifest, type)
              : unsigned(repository, manifest, type);
      if (failure != null) {
        backend
            .accessLog()
            .denied(
                caller.actor(),
                repository + "@" + manifest.digest(),
                "pull",
                "content trust: " + failure);
        return Future.failedFuture(
            verified
                ? OciErrorCode.PROJECTPOLICYVIOLATION.exception(
                    failure, why(project, repository, manifest, type))
                : OciErrorCode.PROJECTPOLICYVIOLATION.exception(failure));
      }
    }
    return Future.succeededFuture();
  }

  /** Whether the manifest's own signatures meet every requirement, without index parents. */
  private boolean satisfiedDirectly(
      String project,
      String repository,
      String digest,
      List<AccessoryType> required,
      boolean verified) {
    for (AccessoryType type : required) {
      boolean ok =
          verified
              ? verifiedNow(project, repository, digest, type)
              : hasSignature(repository, digest, type);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code digest}'s current verdict has a verified signature of {@code type}: {@link
   * #verifiedBy} without its lambda and {@code Optional}, for the path every verified pull takes.
   */
  private boolean verifiedNow(
      String project, String repository, String digest, AccessoryType type) {
    VerdictEntry verdict = backend.trust().verdict(repository, digest).orElse(null);
    return verdict != null
        && verdict.generation() == backend.trust().generation(project)
        && verdict.verified(kind(type));
  }

  /**
   * Whether the request asks to be gated as an ordinary reader would be ({@value #AS_READER}:
   * {@code enforce}), though its caller may push: replication asks so before it sends an artifact
   * on, so that a target never receives what the source's policy would not yet serve.
   */
  private static boolean asReader(RoutingContext ctx) {
    return "enforce".equalsIgnoreCase(ctx.request().getHeader(AS_READER));
  }

  private boolean mayPush(Caller caller, ProjectEntry project) {
    if (caller.token() != null) {
      return false; // a token says what it grants; a pull token does not exempt
    }
    return caller.may(
        new Permissions.Project(project.name(), project.isPublic()), Action.PUSH, clock.instant());
  }

  /** The signatures the project requires, in a fixed order (cosign first); shared lists. */
  private static List<AccessoryType> requirements(ProjectEntry project) {
    boolean cosign = "true".equals(project.meta(COSIGN));
    boolean notation = "true".equals(project.meta(NOTATION));
    if (cosign) {
      return notation ? BOTH : COSIGN_ONLY;
    }
    return notation ? NOTATION_ONLY : List.of();
  }

  private static String kind(AccessoryType type) {
    return type == AccessoryType.SIGNATURE_COSIGN ? "COSIGN" : "NOTATION";
  }

  /** Harbor's check: why the manifest lacks a signature of {@code type}, or null if it has one. */
  private String unsigned(String repository, ManifestEntry manifest, AccessoryType type) {
    Predicate<String> signed = digest -> hasSignature(repository, digest, type);
    return signedOrParent(repository, manifest, signed)
        ? null
        : "The image is not signed by " + tool(type) + ".";
  }

  /** Cairn's check: why no signature of {@code type} verified, or null if one did. */
  private String unverified(
      String project, String repository, ManifestEntry manifest, AccessoryType type) {
    if (signedOrParent(repository, manifest, verifiedBy(project, repository, type))) {
      return null;
    }
    return type == AccessoryType.SIGNATURE_COSIGN
        ? "The image is not signed by a trusted cosign key."
        : "The image is not signed by a trusted notation certificate.";
  }

  /**
   * What the verdict says about each signature of {@code type}, for the 412's detail: a client sees
   * which signature failed and why, or that the verdict is still being decided.
   */
  private Map<String, Object> why(
      String project, String repository, ManifestEntry manifest, AccessoryType type) {
    String kind = kind(type);
    Optional<VerdictEntry> verdict = backend.trust().verdict(repository, manifest.digest());
    if (verdict.isEmpty()) {
      return hasSignature(repository, manifest.digest(), type)
          ? Map.of("verdict", "pending: the signature is being verified")
          : Map.of("signatures", List.of());
    }
    if (verdict.get().generation() != backend.trust().generation(project)) {
      return Map.of("verdict", "pending: the project's trust material changed since");
    }
    List<Map<String, String>> signatures = new ArrayList<>();
    for (VerdictEntry.Check check : verdict.get().signatures()) {
      if (check.kind().equals(kind)) {
        signatures.add(
            Map.of(
                "digest", check.signatureDigest(),
                "outcome", check.outcome(),
                "reason", check.reason() == null ? "" : check.reason()));
      }
    }
    return Map.of("signatures", signatures);
  }

  /** Digests whose current verdict has a verified signature of {@code type}. */
  private Predicate<String> verifiedBy(String project, String repository, AccessoryType type) {
    long generation = backend.trust().generation(project);
    String kind = kind(type);
    return digest ->
        backend
            .trust()
            .verdict(repository, digest)
            .filter(v -> v.generation() == generation && v.verified(kind))
            .isPresent();
  }

  /** Whether the manifest, or an index of the repository listing it, passes {@code check}. */
  private boolean signedOrParent(
      String repository, ManifestEntry manifest, Predicate<String> check) {
    if (check.test(manifest.digest())) {
      return true;
    }
    for (String index : backend.view().parentsOf(repository, manifest.digest())) {
      if (check.test(index)) {
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

  private static String tool(AccessoryType type) {
    return type == AccessoryType.SIGNATURE_COSIGN ? "cosign" : "notation";
  }
}
