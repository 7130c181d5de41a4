package io.cairn.policy.verdict;

import io.cairn.policy.CosignVerifier;
import io.cairn.policy.InvalidTrustPolicyException;
import io.cairn.policy.NotationTrustPolicy;
import io.cairn.policy.NotationVerifier;
import io.cairn.policy.Pem;
import io.cairn.policy.TrustMaterialException;
import io.cairn.policy.TrustedKey;
import io.cairn.projection.CosignKeyEntry;
import io.cairn.projection.NotationStoreEntry;
import io.cairn.projection.TrustView;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One project's trust material, of one generation, as verifiers. A project with trust stores but no
 * Notation policy gets Cairn's default: one strict statement for every repository, trusting every
 * store it has, any identity. Material that no longer parses (it was validated when added) becomes
 * a reason every signature of that kind fails, never an exception.
 */
record ProjectTrust(
    long generation,
    CosignVerifier cosign,
    String noCosignReason,
    NotationVerifier notation,
    String noNotationReason) {

  static ProjectTrust of(TrustView trust, String project) {
    long generation = trust.generation(project);
    List<TrustedKey> keys = new ArrayList<>();
    for (CosignKeyEntry key : trust.cosignKeys(project)) {
      try {
        keys.add(TrustedKey.fromPem(key.name(), key.publicKeyPem()));
      } catch (TrustMaterialException e) {
        // validated when it was added; a key that stopped parsing trusts nothing
      }
    }
    CosignVerifier cosign = keys.isEmpty() ? null : new CosignVerifier(keys);
    String noCosign = keys.isEmpty() ? "project " + project + " trusts no cosign key" : null;

    List<NotationStoreEntry> stores = trust.notationStores(project);
    if (stores.isEmpty()) {
      return new ProjectTrust(
          generation,
          cosign,
          noCosign,
          null,
          "project " + project + " has no notation trust store");
    }
    try {
      Map<String, List<X509Certificate>> byReference = new LinkedHashMap<>();
      for (NotationStoreEntry store : stores) {
        byReference.put(
            store.storeType() + ":" + store.name(), Pem.certificates(store.certificatesPem()));
      }
      String policy =
          trust.notationPolicy(project).orElseGet(() -> defaultPolicy(byReference.keySet()));
      NotationVerifier notation =
          new NotationVerifier(
              NotationTrustPolicy.parse(policy.getBytes(StandardCharsets.UTF_8)), byReference);
      return new ProjectTrust(generation, cosign, noCosign, notation, null);
    } catch (TrustMaterialException | InvalidTrustPolicyException e) {
      return new ProjectTrust(
          generation,
          cosign,
          noCosign,
          null,
          "notation trust material unusable: " + e.getMessage());
    }
  }

  /** Strict, every repository, every store the project has, any identity. */
  static String defaultPolicy(Iterable<String> storeReferences) {
    StringBuilder stores = new StringBuilder();
    for (String ref : storeReferences) {
      stores.append(stores.length() == 0 ? "" : ",").append('"').append(ref).append('"');
    }
    return "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"cairn-default\","
        + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\"},"
        + "\"trustStores\":["
        + stores
        + "],\"trustedIdentities\":[\"*\"]}]}";
  }
}
