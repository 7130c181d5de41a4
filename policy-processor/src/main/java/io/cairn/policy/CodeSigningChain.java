package io.cairn.policy;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The Notary Project's rules for an {@code x5c} chain, as notation-core-go's {@code
 * ValidateCodeSigningCertChain} applies them: each certificate is issued (name and signature) by
 * the next, the last is a self-signed root, only the root is self-signed, issuers are CAs within
 * their path length, and the leaf is a code-signing certificate. Validity periods are not checked
 * here: that is the authentic-timestamp check, which the trust policy may only log.
 */
final class CodeSigningChain {
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;

  private CodeSigningChain() {}

  /** Rejects (invalid-signature) a chain that breaks any rule, naming the certificate. */
  static void validate(List<X509Certificate> chain) throws Rejection {
    int last = chain.size() - 1;
    for (int i = 0; i <= last; i++) {
      X509Certificate cert = chain.get(i);
      boolean selfSigned = isIssuedBy(cert, cert);
      if (i == last && !selfSigned) {
        throw Rejection.invalid(
            "certificate chain does not end with a self-signed root: " + subject(cert));
      }
      if (i < last) {
        if (selfSigned) {
          throw Rejection.invalid(
              "certificate " + subject(cert) + " is self-signed but not last in the chain");
        }
        if (!isIssuedBy(cert, chain.get(i + 1))) {
          throw Rejection.invalid(
              "certificate "
                  + subject(cert)
                  + " is not issued by the next one, "
                  + subject(chain.get(i + 1)));
        }
      }
      if (i == 0) {
        checkLeaf(cert);
      } else {
        checkIssuer(cert, i - 1);
      }
      checkKeyLength(cert);
    }
  }

  private static boolean isIssuedBy(X509Certificate cert, X509Certificate issuer) {
    if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static void checkLeaf(X509Certificate leaf) throws Rejection {
    if (leaf.getBasicConstraints() >= 0) {
      throw Rejection.invalid("signing certificate " + subject(leaf) + " is a CA certificate");
    }
    boolean[] usage = keyUsage(leaf);
    if (!usage[DIGITAL_SIGNATURE] || usage[KEY_CERT_SIGN] || usage[CRL_SIGN]) {
      throw Rejection.invalid(
          "signing certificate " + subject(leaf) + " must have key usage digitalSignature only");
    }
    List<String> extended;
    try {
      extended = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw Rejection.invalid(
          "signing certificate " + subject(leaf) + " has a malformed extended key usage");
    }
    if (extended != null && !extended.contains(CODE_SIGNING)) {
      throw Rejection.invalid(
          "signing certificate "
              + subject(leaf)
              + " has an extended key usage without codeSigning");
    }
  }

  /** {@code below} is the number of CA certificates between this one and the leaf. */
  private static void checkIssuer(X509Certificate ca, int below) throws Rejection {
    int pathLength = ca.getBasicConstraints();
    if (pathLength < 0) {
      throw Rejection.invalid("issuer certificate " + subject(ca) + " is not a CA");
    }
    if (!keyUsage(ca)[KEY_CERT_SIGN]) {
      throw Rejection.invalid("issuer certificate " + subject(ca) + " lacks key usage keyCertSign");
    }
    if (below > pathLength) {
      throw Rejection.invalid(
          "issuer certificate "
              + subject(ca)
              + " allows path length "
              + pathLength
              + ", the chain needs "
              + below);
    }
  }

  /** The key usage bits; the extension must be present and critical (RFC 5280 §4.2.1.3). */
  private static boolean[] keyUsage(X509Certificate cert) throws Rejection {
    Set<String> critical = cert.getCriticalExtensionOIDs();
    boolean[] usage = cert.getKeyUsage();
    if (usage == null || critical == null || !critical.contains(KEY_USAGE)) {
      throw Rejection.invalid(
          "certificate " + subject(cert) + " has no critical key usage extension");
    }
    return usage.length > CRL_SIGN ? usage : Arrays.copyOf(usage, CRL_SIGN + 1);
  }

  private static void checkKeyLength(X509Certificate cert) throws Rejection {
    String type = cert.getPublicKey().getAlgorithm();
    int bits = JwsAlgorithm.bits(cert.getPublicKey());
    boolean ok =
        type.equals("RSA")
            ? bits >= 2048
            : type.equals("EC") && (bits == 256 || bits == 384 || bits == 521);
    if (!ok) {
      throw Rejection.invalid(
          "certificate "
              + subject(cert)
              + " has a "
              + type
              + "-"
              + bits
              + " key; RSA ≥ 2048 or ECDSA P-256/384/521 is required");
    }
  }

  static String subject(X509Certificate cert) {
    return "'" + cert.getSubjectX500Principal().getName(X500Principal.RFC2253) + "'";
  }
}
