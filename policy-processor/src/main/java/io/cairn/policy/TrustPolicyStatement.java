package io.cairn.policy;

import io.cairn.policy.VerificationLevel.Action;
import io.cairn.policy.VerificationLevel.Check;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * One statement of a Notation trust policy: which repositories it covers, how strictly, and whom it
 * trusts. Instances come only from {@link NotationTrustPolicy#parse}, which validated them.
 *
 * @param name unique within the document
 * @param registryScopes repositories ({@code library/app} or {@code host/library/app}), or {@code
 *     *} alone
 * @param level the verification level
 * @param overrides per-check actions that replace the level's
 * @param trustStores {@code type:name} references, e.g. {@code ca:acme}
 * @param trustedIdentities {@code *} alone, or {@code x509.subject: <DN>} entries
 */
public record TrustPolicyStatement(
    String name,
    List<String> registryScopes,
    VerificationLevel level,
    Map<Check, Action> overrides,
    List<String> trustStores,
    List<String> trustedIdentities) {

  static final String SUBJECT_PREFIX = "x509.subject:";

  public TrustPolicyStatement {
    registryScopes = List.copyOf(registryScopes);
    overrides = Map.copyOf(overrides);
    trustStores = List.copyOf(trustStores);
    trustedIdentities = List.copyOf(trustedIdentities);
  }

  /** What a failure of {@code check} does under this statement. */
  public Action action(Check check) {
    return overrides.getOrDefault(check, level.action(check));
  }

  /** The statement's trust store references of one type ({@code ca}, {@code signingAuthority}). */
  public List<String> trustStores(String type) {
    return trustStores.stream().filter(s -> s.startsWith(type + ":")).toList();
  }

  /** True when the leaf certificate's subject is one of the trusted identities. */
  public boolean trustsIdentity(X500Principal leafSubject) {
    return trustedIdentities.stream()
        .anyMatch(
            identity ->
                identity.equals("*")
                    || DistinguishedName.matches(
                        DistinguishedName.parseIdentity(
                            identity.substring(SUBJECT_PREFIX.length()).trim()),
                        leafSubject));
  }
}
