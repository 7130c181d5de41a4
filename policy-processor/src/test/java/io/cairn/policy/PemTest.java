package io.cairn.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PEM trust material: what is accepted, and a clear message for everything else. */
class PemTest {
  private static final KeyPair EC = TestPki.ec("secp256r1");

  @Test
  void readsEcdsaRsaAndEd25519PublicKeys() {
    for (KeyPair keys :
        List.of(EC, TestPki.ec("secp384r1"), TestPki.rsa(2048), TestPki.ed25519())) {
      PublicKey read = Pem.publicKey(pem("PUBLIC KEY", keys.getPublic().getEncoded()));
      assertEquals(keys.getPublic(), read, keys.getPublic().getAlgorithm());
    }
  }

  @Test
  void ignoresTextAroundTheBlock() {
    String pem =
        "the build key\n" + pem("PUBLIC KEY", EC.getPublic().getEncoded()) + "\nrotated 2026\n";

    assertEquals(EC.getPublic(), Pem.publicKey(pem));
  }

  @Test
  void fingerprintIsSha256OfTheSubjectPublicKeyInfo() {
    TrustedKey key = TrustedKey.fromPem("k", pem("PUBLIC KEY", EC.getPublic().getEncoded()));

    assertEquals(io.cairn.oci.Digest.sha256(EC.getPublic().getEncoded()).hex(), key.fingerprint());
    assertEquals(64, key.fingerprint().length());
  }

  static Stream<Arguments> badPublicKeys() {
    byte[] der = EC.getPublic().getEncoded();
    return Stream.of(
        Arguments.of(null, "PEM text is empty"),
        Arguments.of("  \n", "PEM text is empty"),
        Arguments.of("ssh-ed25519 AAAAC3Nza", "no PEM block found"),
        Arguments.of(
            pem("PUBLIC KEY", der) + pem("PUBLIC KEY", der), "exactly one PEM PUBLIC KEY block"),
        Arguments.of(
            pem("EC PRIVATE KEY", der),
            "not a PEM PUBLIC KEY block (found 'EC PRIVATE KEY'): upload the public key"),
        Arguments.of(
            pem("RSA PUBLIC KEY", der), "not a PEM PUBLIC KEY block (found 'RSA PUBLIC KEY')"),
        Arguments.of("-----BEGIN PUBLIC KEY-----\nMFkw\n", "no matching END line"),
        Arguments.of(
            "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END CERTIFICATE-----",
            "ends with END CERTIFICATE"),
        Arguments.of("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----", "block is empty"),
        Arguments.of(
            "-----BEGIN PUBLIC KEY-----\n!!notbase64!!\n-----END PUBLIC KEY-----",
            "not valid base64"),
        Arguments.of(
            "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\nMFkw\n-----END PUBLIC KEY-----",
            "has headers"),
        Arguments.of(
            pem("PUBLIC KEY", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "not a DER SubjectPublicKeyInfo"),
        Arguments.of(
            pem("PUBLIC KEY", Arrays.copyOf(der, der.length - 10)),
            "not a DER SubjectPublicKeyInfo"),
        Arguments.of(
            pem("PUBLIC KEY", corruptPoint(der)),
            "malformed EC public key: the point is not on the curve"),
        Arguments.of(
            pem("PUBLIC KEY", generated("DSA").getEncoded()),
            "unsupported key type (algorithm OID 1.2.840.10040.4.1)"),
        Arguments.of(
            pem("PUBLIC KEY", generated("X25519").getEncoded()),
            "unsupported key type (algorithm OID 1.3.101.110)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badPublicKeys")
  void badPublicKeyHasAClearMessage(String pem, String message) {
    TrustMaterialException e = assertThrows(TrustMaterialException.class, () -> Pem.publicKey(pem));

    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void readsEveryCertificateInOrder() {
    X509Certificate root = NotationTestBed.ROOT;
    X509Certificate leaf = NotationTestBed.LEAF;

    List<X509Certificate> read =
        Pem.certificates(pem("CERTIFICATE", der(leaf)) + "\n" + pem("CERTIFICATE", der(root)));

    assertEquals(List.of(leaf, root), read);
  }

  @Test
  void badCertificatesHaveClearMessages() {
    assertMessage(() -> Pem.certificates("nothing here"), "no PEM block found");
    assertMessage(
        () -> Pem.certificates(pem("PUBLIC KEY", EC.getPublic().getEncoded())),
        "PEM block 1 is not a CERTIFICATE (found 'PUBLIC KEY')");
    assertMessage(
        () -> Pem.certificates(pem("CERTIFICATE", new byte[] {0x30, 0x03, 1, 2, 3})),
        "certificate 1 could not be parsed");
    byte[] cut = Arrays.copyOf(der(NotationTestBed.ROOT), 100);
    assertMessage(
        () ->
            Pem.certificates(
                pem("CERTIFICATE", der(NotationTestBed.ROOT)) + pem("CERTIFICATE", cut)),
        "certificate 2 could not be parsed");
  }

  @Test
  void trustedKeyNeedsANameAndASupportedType() {
    assertMessage(() -> new TrustedKey(" ", EC.getPublic()), "needs a name");
    assertMessage(() -> new TrustedKey("dsa", generated("DSA")), "unsupported key type DSA");
  }

  private static void assertMessage(
      org.junit.jupiter.api.function.Executable call, String message) {
    TrustMaterialException e = assertThrows(TrustMaterialException.class, call);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /** The key with a point that is not on the curve. */
  private static byte[] corruptPoint(byte[] der) {
    byte[] bad = der.clone();
    bad[bad.length - 1] ^= 0x55;
    return bad;
  }

  private static PublicKey generated(String algorithm) {
    try {
      return KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
