package io.cairn.ops.replication;

import io.cairn.replication.oci.Endpoint;
import java.util.Optional;

/** The ends a replication policy connects, signed in: this Cairn and its registry endpoints. */
public interface Sites {
  /** This Cairn, as replication reads it and writes into it. */
  Endpoint self();

  /** Registry endpoint {@code registryId}; empty when it was deleted. */
  Optional<Endpoint> remote(long registryId);
}
