package io.cairn.api.trust;

import io.cairn.policy.InvalidTrustPolicyException;
import io.cairn.policy.NotationTrustPolicy;
import io.cairn.policy.TrustPolicyStatement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A trust store that a statement of a Notation trust policy names, {@code <type>:<name>} (e.g.
 * {@code ca:acme}). The policy parser has checked the form, so a reference always has both parts.
 */
record StoreReference(String statement, String type, String name) {

  /** Every store reference of {@code policy}, statement by statement. */
  static List<StoreReference> in(NotationTrustPolicy policy) {
    List<StoreReference> out = new ArrayList<>();
    for (TrustPolicyStatement statement : policy.statements()) {
      for (String reference : statement.trustStores()) {
        int colon = reference.indexOf(':');
        out.add(
            new StoreReference(
                statement.name(), reference.substring(0, colon), reference.substring(colon + 1)));
      }
    }
    return out;
  }

  /**
   * The references of a stored policy document. It was valid when it was set; should it no longer
   * parse, nothing can verify with it, so it holds no store.
   */
  static List<StoreReference> inStored(String storedPolicy) {
    try {
      return in(NotationTrustPolicy.parse(storedPolicy.getBytes(StandardCharsets.UTF_8)));
    } catch (InvalidTrustPolicyException e) {
      return List.of();
    }
  }

  /** As the policy writes it: {@code ca:acme}. */
  String reference() {
    return type + ":" + name;
  }
}
