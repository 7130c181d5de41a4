package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/**
 * The registry endpoints replication may use, as folded from events. Thread-safe; reads reflect
 * every event the local projection has applied. Entries carry the access secret sealed only.
 */
public interface EndpointView {

  /** The live endpoint {@code id}; empty if there is none or it was deleted. */
  Optional<RegistryEndpointEntry> endpoint(long id);

  /** Every live endpoint, in id order. */
  List<RegistryEndpointEntry> endpoints();

  /** The highest endpoint id ever given, deleted endpoints included: ids are never given twice. */
  long highestEndpointId();
}
