package io.cairn.api.immutable;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Manifest;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.projection.ManifestEntry;
import io.cairn.projection.RegistryView;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enforces a project's immutable tag rules ({@link ImmutableTags}) where a write would change what
 * a protected tag stands for: the tag is never moved to another manifest nor deleted, and neither
 * is the artifact it names, nor a signature of that artifact. Signing stays allowed, also under a
 * {@code **} rule (Harbor's users could not re-sign: goharbor/harbor#17332): a new accessory by
 * digest or by OCI {@code subject} moves no tag, and cosign's tag-scheme tag of a protected subject
 * may move to a manifest that keeps every layer of the one it replaces — cosign re-signs by
 * appending a layer — but not to one that drops a signature.
 */
public final class ImmutableGuard {
  /** Cosign's tag scheme: the subject's hex and the kind. */
  private static final Pattern COSIGN_TAG =
      Pattern.compile("sha256-([a-f0-9]{64})\\.(sig|att|sbom)");

  private final RegistryView view;

  public ImmutableGuard(RegistryView view) {
    this.view = view;
  }

  /**
   * Refuses (412) moving {@code tag} of {@code repository} from {@code current} to {@code next},
   * unless no rule protects it or it is a cosign tag whose {@code next} keeps every layer of {@code
   * current}.
   */
  public void checkTagMove(String repository, String tag, String current, Manifest next) {
    ImmutableTags rules = rules(repository);
    Matcher cosign = COSIGN_TAG.matcher(tag);
    if (cosign.matches()) {
      if (!rules.protects(repository, tag) && !protectedSubject(rules, repository, cosign)) {
        return;
      }
      Set<String> kept = new HashSet<>();
      for (Descriptor layer : next.layers()) {
        kept.add(layer.digest().toString());
      }
      List<String> before =
          view.manifest(repository, current).map(ManifestEntry::layers).orElse(List.of());
      if (kept.containsAll(before)) {
        return; // a re-sign: every earlier signature stays
      }
      throw refused(repository, tag);
    }
    if (rules.protects(repository, tag)) {
      throw refused(repository, tag);
    }
  }

  /** Refuses (412) deleting {@code tag} alone when a rule protects it or the subject it signs. */
  public void checkTagDelete(String repository, String tag) {
    ImmutableTags rules = rules(repository);
    Matcher cosign = COSIGN_TAG.matcher(tag);
    if (rules.protects(repository, tag)
        || cosign.matches() && protectedSubject(rules, repository, cosign)) {
      throw refused(repository, tag);
    }
  }

  /**
   * Refuses (412) deleting artifact {@code digest} when it carries a protected tag, or is an
   * accessory of an artifact that does.
   */
  public void checkDelete(String repository, String digest) {
    ImmutableTags rules = rules(repository);
    Optional<String> own = protectedTag(rules, repository, digest);
    if (own.isPresent()) {
      throw refused(repository, own.get());
    }
    for (String subject : view.subjectsOf(repository, digest).keySet()) {
      Optional<String> ofSubject = protectedTag(rules, repository, subject);
      if (ofSubject.isPresent()) {
        throw refused(repository, ofSubject.get());
      }
    }
  }

  private ImmutableTags rules(String repository) {
    return ImmutableTags.of(view.immutableRules(repository.substring(0, repository.indexOf('/'))));
  }

  private boolean protectedSubject(ImmutableTags rules, String repository, Matcher cosign) {
    return protectedTag(rules, repository, "sha256:" + cosign.group(1)).isPresent();
  }

  private Optional<String> protectedTag(ImmutableTags rules, String repository, String digest) {
    return view.tagsOf(repository, digest).stream()
        .filter(t -> rules.protects(repository, t))
        .findFirst();
  }

  /** Harbor's answer, word for word. */
  private static OciException refused(String repository, String tag) {
    return OciErrorCode.PRECONDITION.exception(
        "Failed to process request due to '"
            + repository
            + ":"
            + tag
            + "' configured as immutable.");
  }
}
