package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/**
 * The replication policies, as folded from events. Thread-safe; reads reflect every event the local
 * projection has applied.
 */
public interface PolicyView {

  /** The live policy {@code id}; empty if there is none or it was deleted. */
  Optional<ReplicationPolicyEntry> policy(long id);

  /** Every live policy, in id order. */
  List<ReplicationPolicyEntry> policies();

  /** The highest policy id ever given, deleted policies included: ids are never given twice. */
  long highestPolicyId();
}
