/**
 * Content trust: verifying Cosign and Notation signature accessories against a project's trusted
 * keys, trust policy and trust stores.
 *
 * <p>Everything here is pure: no Kafka, no HTTP, no clock and no file system. Callers pass the
 * parsed signature manifest, a {@link io.cairn.policy.BlobSource} for its blobs and, for Notation,
 * the time to verify at; they get a {@link io.cairn.policy.SignatureVerdict} value back for every
 * signature, never an exception for a bad one. Entry points: {@link
 * io.cairn.policy.CosignVerifier}, {@link io.cairn.policy.NotationVerifier}, {@link
 * io.cairn.policy.NotationTrustPolicy} and {@link io.cairn.policy.Pem}.
 */
package io.cairn.policy;
