package io.cairn.policy;

import io.cairn.oci.Digest;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * A public key a project trusts for Cosign signatures, under the name verdicts report ("verified by
 * keyA"). The fingerprint identifies the key across renames and is what the UI shows.
 *
 * @param name how the project calls the key; not blank
 * @param key an ECDSA, RSA or Ed25519 public key
 */
public record TrustedKey(String name, PublicKey key) {
  public TrustedKey {
    if (name == null || name.isBlank()) {
      throw new TrustMaterialException("a trusted key needs a name");
    }
    Objects.requireNonNull(key, "key");
    if (!Set.of("EC", "RSA", "EdDSA", "Ed25519").contains(key.getAlgorithm())) {
      throw new TrustMaterialException(
          "unsupported key type " + key.getAlgorithm() + "; use ECDSA, RSA or Ed25519");
    }
  }

  /** Reads the key from a PEM {@code PUBLIC KEY} block; see {@link Pem#publicKey(String)}. */
  public static TrustedKey fromPem(String name, String pem) {
    return new TrustedKey(name, Pem.publicKey(pem));
  }

  /**
   * Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo, as {@code cosign} and OpenSSL print.
   */
  public String fingerprint() {
    return Digest.sha256(key.getEncoded()).hex();
  }
}
