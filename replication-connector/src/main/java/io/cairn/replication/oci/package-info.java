/**
 * A blocking client of the OCI distribution API (v1.1) for replication: {@link
 * io.cairn.replication.oci.OciClient} with the registry sign-in flows (anonymous, Basic, the
 * distribution token flow), streamed blob pushes (monolithic or chunked, digest checked on the
 * way), cross-repository mounts, the referrers API, and a bandwidth {@link
 * io.cairn.replication.oci.Throttle}. Failures are {@link
 * io.cairn.replication.oci.RegistryException}s that say whether a retry can help.
 */
package io.cairn.replication.oci;
