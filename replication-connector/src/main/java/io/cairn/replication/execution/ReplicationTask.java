package io.cairn.replication.execution;

import java.util.List;
import java.util.Objects;

/**
 * One unit of an execution: a subject of a source repository with its closure (index children,
 * accessories, recursively), to be copied into a destination repository with the selected tags.
 *
 * @param key stable across runs of the same policy, so a resumed execution skips what is done:
 *     {@code srcRepository@digest} (see {@link #keyOf})
 * @param srcRepository the repository at the source
 * @param digest the subject's digest
 * @param tags the subject's tags that the filters selected, sorted; never an accessory's tag
 * @param dstRepository the repository at the target, after the policy's destination namespace
 * @param image whether the subject is an image (Harbor's resource type {@code image}) or another
 *     artifact ({@code artifact})
 */
public record ReplicationTask(
    String key,
    String srcRepository,
    String digest,
    List<String> tags,
    String dstRepository,
    boolean image) {
  public ReplicationTask {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(srcRepository, "srcRepository");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(dstRepository, "dstRepository");
    tags = List.copyOf(tags);
  }

  /** An image task: where the resource type cannot be told cheaply, Harbor's default. */
  public ReplicationTask(
      String key, String srcRepository, String digest, List<String> tags, String dstRepository) {
    this(key, srcRepository, digest, tags, dstRepository, true);
  }

  /** A task with its key made from what identifies it across runs. */
  public static ReplicationTask of(
      String srcRepository, String digest, List<String> tags, String dstRepository, boolean image) {
    return new ReplicationTask(
        keyOf(srcRepository, digest), srcRepository, digest, tags, dstRepository, image);
  }

  /**
   * {@code srcRepository@digest}: the same subject is the same task in every run of a policy (the
   * destination and tags follow from the policy and the source, so they add nothing).
   */
  public static String keyOf(String srcRepository, String digest) {
    return srcRepository + "@" + digest;
  }

  /** Harbor's {@code src_resource}: {@code library/app:[latest,v1]}. */
  public String srcResource() {
    return resource(srcRepository);
  }

  /** Harbor's {@code dst_resource}: {@code mirror/app:[latest,v1]}. */
  public String dstResource() {
    return resource(dstRepository);
  }

  /** Harbor's {@code resource_type}. */
  public String resourceType() {
    return image ? "image" : "artifact";
  }

  /** Harbor's {@code operation}: executions only copy (deletion is event-based). */
  public String operation() {
    return "copy";
  }

  private String resource(String repository) {
    if (tags.isEmpty()) {
      return repository + "@" + digest; // Harbor would show a bare name; the digest says more
    }
    return repository + ":[" + String.join(",", tags) + "]";
  }
}
