package io.cairn.ops.trust;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates issued at test time (BouncyCastle, test scope: the JDK cannot issue them), so the
 * trust store tests run without the shared Notation fixtures.
 */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(1);
  private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2120-01-01T00:00:00Z");

  /** A certificate with the key pair it certifies. */
  record Issued(X509Certificate certificate, KeyPair keys) {
    String pem() {
      try {
        return TestCertificates.pem("CERTIFICATE", certificate.getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Lower-case hex SHA-256 of the DER, as the API reports it. */
    String fingerprint() {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private TestCertificates() {}

  /** A self-signed root CA. */
  static Issued rootCa(String subject) {
    KeyPair keys = ecKeys();
    return new Issued(issue(subject, subject, keys, keys.getPrivate(), true), keys);
  }

  /** A self-signed certificate that is no CA, as a signing authority may use. */
  static Issued selfSignedLeaf(String subject) {
    KeyPair keys = ecKeys();
    return new Issued(issue(subject, subject, keys, keys.getPrivate(), false), keys);
  }

  /** A leaf {@code issuer} signed: neither a CA nor self-signed. */
  static Issued leaf(String subject, Issued issuer) {
    KeyPair keys = ecKeys();
    String issuerName = issuer.certificate().getSubjectX500Principal().getName();
    return new Issued(issue(subject, issuerName, keys, issuer.keys().getPrivate(), false), keys);
  }

  static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static X509Certificate issue(
      String subject, String issuer, KeyPair keys, PrivateKey signer, boolean ca) {
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer),
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(FROM),
              Date.from(TO),
              new X500Name(subject),
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
