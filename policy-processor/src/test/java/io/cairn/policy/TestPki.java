package io.cairn.policy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and certificates made at test time with BouncyCastle (test scope only: the JDK cannot issue
 * certificates), so Notation stays covered without the shared fixtures.
 */
final class TestPki {
  static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant FAR_AHEAD = Instant.parse("2120-01-01T00:00:00Z");
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  private TestPki() {}

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What to put in a certificate. The defaults make a code-signing leaf valid 2020–2120; {@code
   * pathLength >= 0} makes a CA.
   */
  record Spec(
      String subject,
      Instant notBefore,
      Instant notAfter,
      int pathLength,
      int keyUsage,
      boolean codeSigning) {

    static Spec leaf(String subject) {
      return new Spec(subject, LONG_AGO, FAR_AHEAD, -1, KeyUsage.digitalSignature, true);
    }

    static Spec ca(String subject) {
      return new Spec(
          subject, LONG_AGO, FAR_AHEAD, 1, KeyUsage.keyCertSign | KeyUsage.cRLSign, false);
    }

    Spec validity(Instant from, Instant to) {
      return new Spec(subject, from, to, pathLength, keyUsage, codeSigning);
    }

    Spec keyUsage(int bits) {
      return new Spec(subject, notBefore, notAfter, pathLength, bits, codeSigning);
    }

    Spec codeSigning(boolean on) {
      return new Spec(subject, notBefore, notAfter, pathLength, keyUsage, on);
    }

    Spec pathLength(int length) {
      return new Spec(subject, notBefore, notAfter, length, keyUsage, codeSigning);
    }
  }

  static X509Certificate selfSigned(Spec spec, KeyPair keys) {
    return issue(spec, keys.getPublic(), new X500Name(spec.subject()), keys.getPrivate());
  }

  static X509Certificate issued(
      Spec spec, PublicKey key, X509Certificate issuer, PrivateKey issuerKey) {
    // The issuer's DER name, not a re-parsed string: BouncyCastle and the JDK order RDN strings
    // differently, and chain building compares names exactly.
    return issue(
        spec, key, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey);
  }

  private static X509Certificate issue(
      Spec spec, PublicKey key, X500Name issuer, PrivateKey signer) {
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(spec.notBefore()),
              Date.from(spec.notAfter()),
              new X500Name(spec.subject()),
              key);
      if (spec.pathLength() >= 0) {
        builder.addExtension(
            Extension.basicConstraints, true, new BasicConstraints(spec.pathLength()));
      }
      if (spec.keyUsage() != 0) {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()));
      }
      if (spec.codeSigning()) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      }
      String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
