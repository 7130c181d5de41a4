package io.cairn.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the API may ask of the projection. Names and digests are already validated strings. Reads
 * reflect every event the local projection has applied (see {@link AppliedOffsets} for waiting on a
 * write). Implementations are thread-safe; a store that is not queryable right now surfaces as
 * {@link ProjectionUnavailableException}.
 */
public interface RegistryView {

  Optional<ManifestEntry> manifest(String repository, String digest);

  /** Whether the repository holds the manifest; cheaper than {@link #manifest}. */
  boolean hasManifest(String repository, String digest);

  /** Every manifest of the repository, in digest order. */
  List<ManifestEntry> manifests(String repository);

  /** The digest a tag points at. */
  Optional<String> tag(String repository, String tag);

  /** Tags in lexical order, strictly after {@code last} when given, at most {@code limit}. */
  List<String> tags(String repository, String last, int limit);

  /** When a tag was last set (epoch millis). */
  OptionalLong tagTime(String repository, String tag);

  /** Tags that point at {@code digest}. */
  List<String> tagsOf(String repository, String digest);

  /** The indexes of the repository that list {@code digest} as a child, in digest order. */
  List<String> parentsOf(String repository, String digest);

  /** The size of a blob linked into the repository. */
  OptionalLong blob(String repository, String digest);

  Optional<RepositoryEntry> repository(String name);

  /** Repository names in lexical order after {@code last}, at most {@code limit}. */
  List<String> repositories(String last, int limit);

  /**
   * What the OCI referrers API lists for {@code subject}: its accessories that name it in their own
   * {@code subject} field. The same store as {@link #accessories}, so the two never disagree.
   */
  List<AccessoryEntry> referrers(String repository, String subject);

  /** Accessories linked to {@code subject}, oldest first; the subject need not exist (yet). */
  List<AccessoryEntry> accessories(String repository, String subject);

  /**
   * Every digest in the repository that has accessories linked to it, in digest order; the subject
   * itself need not be stored (an accessory may come first).
   */
  List<String> subjectsWithAccessories(String repository);

  /** The subjects {@code accessory} is linked to, each with its accessory type. */
  Map<String, String> subjectsOf(String repository, String accessory);

  Optional<ProjectEntry> project(String name);

  /** The project's immutable tag rules, by id. */
  List<ImmutableRuleEntry> immutableRules(String project);

  /** The highest immutable rule id the project ever gave; 0 before the first. */
  long highestImmutableRuleId(String project);

  /** Projects in name order. */
  List<ProjectEntry> projects();
}
