/**
 * Harbor's manual and scheduled replication executions, as an engine: enumerate what a source
 * registry holds ({@code /v2/_catalog}, tags, a HEAD per tag), plan it against a policy's filters
 * and destination ({@link io.cairn.replication.execution.ExecutionPlan}, a pure function), and run
 * the plan's tasks, several at a time ({@link io.cairn.replication.execution.ExecutionRunner}),
 * through the {@link io.cairn.replication.copy.ArtifactCopier}, reporting progress to whoever
 * records it.
 *
 * <p>Why the unit of work is a subject's closure: a signature, an attestation or an SBOM means
 * nothing at a target without what it refers to, and a filter that picked one without the other
 * would send a {@code .sig} to a target that lacks its subject (goharbor/harbor#17095) or a subject
 * without its signature to a target that enforces content trust. So a task is one subject (a tagged
 * image or index) with everything that travels with it; accessories are never tasks of their own,
 * and a filter reaches them only through their subject's tags.
 *
 * <p>Why tasks have a key ({@code srcRepository@digest}): an execution interrupted by a stop, a
 * crash or a restart is resumed by running the plan again with the keys of the tasks already done,
 * which are skipped without a request. A task done but not yet recorded is copied again, which the
 * copier makes cheap and harmless: it skips by digest whatever the target already has, so a rerun
 * pushes nothing twice and sets no tag twice.
 *
 * <p>Nothing here knows Kafka, HTTP APIs or events: the caller turns {@link
 * io.cairn.replication.execution.ExecutionProgress} calls into whatever it records, and both
 * directions (push from this registry, pull into it) are the same code, since both ends are OCI
 * registries.
 */
package io.cairn.replication.execution;
