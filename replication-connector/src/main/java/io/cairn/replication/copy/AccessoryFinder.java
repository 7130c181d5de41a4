package io.cairn.replication.copy;

import io.cairn.oci.Digest;
import java.io.IOException;
import java.util.List;

/**
 * Finds the direct accessories of a manifest in one repository of the source: over the OCI API for
 * any registry ({@link Accessories}), or as the source itself lists them when it says more in one
 * request (a Cairn's accessories API).
 */
public interface AccessoryFinder {
  /** One accessory: its digest, and for cosign's tag scheme the tag it goes under (else null). */
  record Found(Digest digest, String cosignTag) {}

  /** The direct accessories of {@code subject}, each once. */
  List<Found> of(String repo, Digest subject) throws IOException;
}
