package io.cairn.policy;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms the Notary Project signature spec allows, each tied to the one key the spec
 * pairs it with (RSA-2048 → PS256, P-384 → ES384, …): notation-core-go rejects an envelope whose
 * {@code alg} does not match its signing certificate's key, and so does Cairn.
 */
enum JwsAlgorithm {
  PS256("SHA-256", 32, "RSA", 2048),
  PS384("SHA-384", 48, "RSA", 3072),
  PS512("SHA-512", 64, "RSA", 4096),
  ES256("SHA256withECDSAinP1363Format", 0, "EC", 256),
  ES384("SHA384withECDSAinP1363Format", 0, "EC", 384),
  ES512("SHA512withECDSAinP1363Format", 0, "EC", 521);

  private final String hash;
  private final int saltLength;
  private final String keyType;
  private final int keyBits;

  JwsAlgorithm(String hash, int saltLength, String keyType, int keyBits) {
    this.hash = hash;
    this.saltLength = saltLength;
    this.keyType = keyType;
    this.keyBits = keyBits;
  }

  static Optional<JwsAlgorithm> named(String alg) {
    return Arrays.stream(values()).filter(a -> a.name().equals(alg)).findFirst();
  }

  /** Why {@code key} cannot make this algorithm's signatures, or {@code null} when it can. */
  String keyMismatch(PublicKey key) {
    int bits = bits(key);
    if (!key.getAlgorithm().equals(keyType) || bits != keyBits) {
      return "alg "
          + name()
          + " needs a "
          + keyType
          + "-"
          + keyBits
          + " key, the signing certificate has "
          + key.getAlgorithm()
          + "-"
          + bits;
    }
    return null;
  }

  /** Verifies a JWS signature (RFC 7518: PSS salt = hash length; ECDSA as raw r‖s). */
  boolean verify(PublicKey key, byte[] signingInput, byte[] signature) {
    try {
      Signature verifier;
      if (keyType.equals("RSA")) {
        verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(
            new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
      } else {
        verifier = Signature.getInstance(hash);
      }
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      // A signature of the wrong length or encoding is a signature that does not verify.
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides " + name() + " verification", e);
    }
  }

  static int bits(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    return 0;
  }
}
