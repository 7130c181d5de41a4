/**
 * Replication's registry side: the {@link io.cairn.replication.copy.Closure} of an artifact (index
 * children, the artifact, its accessories recursively, each after what it refers to) and the {@link
 * io.cairn.replication.copy.ArtifactCopier} that pushes it to a target idempotently by digest,
 * maintains the referrers tag-schema index where the target has no referrers API, and deletes at
 * the target for {@code replicate_deletion}.
 */
package io.cairn.replication.copy;
