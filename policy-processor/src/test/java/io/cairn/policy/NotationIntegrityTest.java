package io.cairn.policy;

import static io.cairn.policy.NotationTestBed.LEAF;
import static io.cairn.policy.NotationTestBed.LEAF_DN;
import static io.cairn.policy.NotationTestBed.LEAF_KEYS;
import static io.cairn.policy.NotationTestBed.ROOT;
import static io.cairn.policy.NotationTestBed.ROOT_KEYS;
import static io.cairn.policy.NotationTestBed.SUBJECT;
import static io.cairn.policy.NotationTestBed.leaf;
import static io.cairn.policy.NotationTestBed.signer;
import static io.cairn.policy.NotationTestBed.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * Integrity: malformed envelopes, unsound chains and manifests that are not one Notation signature
 * are invalid-signature at every level, even audit.
 */
class NotationIntegrityTest {

  @Test
  void unknownCriticalHeaderIsNotUnderstood() {
    byte[] envelope =
        signer()
            .header("io.cncf.notary.verificationPlugin", "com.example.plugin")
            .header(
                "crit",
                List.of("io.cncf.notary.signingScheme", "io.cncf.notary.verificationPlugin"))
            .sign(SUBJECT);

    assertInvalid(envelope, "is not understood");
  }

  @Test
  void expiryMustBeMarkedCritical() {
    assertInvalid(
        signer().header("io.cncf.notary.expiry", "2030-01-01T00:00:00Z").sign(SUBJECT),
        "must be marked critical");
  }

  @Test
  void criticalHeaderMustBePresent() {
    byte[] envelope =
        signer()
            .header("crit", List.of("io.cncf.notary.signingScheme", "io.cncf.notary.expiry"))
            .sign(SUBJECT);

    assertInvalid(envelope, "absent");
  }

  @Test
  void payloadTypeMustBeNotarys() {
    assertInvalid(signer().header("cty", "application/json").sign(SUBJECT), "cty");
  }

  @Test
  void signingSchemeMustBeKnown() {
    assertInvalid(
        signer().header("io.cncf.notary.signingScheme", "notary.pgp").sign(SUBJECT),
        "signing scheme");
  }

  @Test
  void signingTimeIsRequired() {
    assertInvalid(signer().header("io.cncf.notary.signingTime", null).sign(SUBJECT), "signingTime");
  }

  @Test
  void algorithmMustMatchTheSigningKey() {
    KeyPair big = TestPki.rsa(3072);
    X509Certificate leaf =
        TestPki.issued(TestPki.Spec.leaf(LEAF_DN), big.getPublic(), ROOT, ROOT_KEYS.getPrivate());
    byte[] envelope =
        new NotationSigner(List.of(leaf, ROOT), big.getPrivate(), "PS256").sign(SUBJECT);

    assertInvalid(envelope, "needs a RSA-2048 key");
  }

  @Test
  void unsupportedAlgorithmIsInvalid() {
    assertInvalid(signer().header("alg", "RS256").sign(SUBJECT), "unsupported JWS alg");
  }

  @Test
  void notJsonIsInvalid() {
    assertInvalid("{not json".getBytes(StandardCharsets.UTF_8), "not JSON");
  }

  @Test
  void chainMustEndWithASelfSignedRoot() {
    byte[] envelope =
        new NotationSigner(List.of(LEAF), LEAF_KEYS.getPrivate(), "PS256").sign(SUBJECT);

    assertInvalid(envelope, "self-signed root");
  }

  @Test
  void eachCertificateMustBeIssuedByTheNext() {
    X509Certificate otherRoot =
        TestPki.selfSigned(TestPki.Spec.ca("CN=Other,O=Other,ST=WA,C=US"), TestPki.rsa(2048));
    byte[] envelope =
        new NotationSigner(List.of(LEAF, otherRoot), LEAF_KEYS.getPrivate(), "PS256").sign(SUBJECT);

    assertInvalid(envelope, "is not issued by the next one");
  }

  @Test
  void issuerWithTheSameNameButAnotherKeyIsNotTheIssuer() {
    X509Certificate twin =
        TestPki.selfSigned(
            TestPki.Spec.ca("CN=Cairn Test Root,O=Cairn,ST=WA,C=US"), TestPki.rsa(2048));
    byte[] envelope =
        new NotationSigner(List.of(LEAF, twin), LEAF_KEYS.getPrivate(), "PS256").sign(SUBJECT);

    assertInvalid(envelope, "is not issued by the next one");
  }

  @Test
  void leafMustBeForDigitalSignature() {
    X509Certificate leaf = leaf(TestPki.Spec.leaf(LEAF_DN).keyUsage(KeyUsage.keyEncipherment));

    assertInvalid(signed(leaf), "digitalSignature");
  }

  @Test
  void leafMustNotBeACa() {
    X509Certificate leaf = leaf(TestPki.Spec.leaf(LEAF_DN).pathLength(0));

    assertInvalid(signed(leaf), "is a CA certificate");
  }

  @Test
  void leafWithoutExtendedKeyUsageIsAccepted() {
    X509Certificate leaf = leaf(TestPki.Spec.leaf(LEAF_DN).codeSigning(false));

    assertEquals(Outcome.VALID, verify(signed(leaf), "strict", List.of(ROOT)).outcome());
  }

  @Test
  void issuerMustBeACaWithinItsPathLength() {
    KeyPair rootKeys = TestPki.rsa(2048);
    X509Certificate root =
        TestPki.selfSigned(TestPki.Spec.ca("CN=R,O=Cairn,ST=WA,C=US").pathLength(0), rootKeys);
    KeyPair middleKeys = TestPki.rsa(2048);
    X509Certificate middle =
        TestPki.issued(
            TestPki.Spec.ca("CN=M,O=Cairn,ST=WA,C=US").pathLength(0),
            middleKeys.getPublic(),
            root,
            rootKeys.getPrivate());
    X509Certificate leaf =
        TestPki.issued(
            TestPki.Spec.leaf(LEAF_DN), LEAF_KEYS.getPublic(), middle, middleKeys.getPrivate());
    byte[] envelope =
        new NotationSigner(List.of(leaf, middle, root), LEAF_KEYS.getPrivate(), "PS256")
            .sign(SUBJECT);

    assertInvalid(envelope, "allows path length 0");
  }

  @Test
  void threeCertificateChainVerifies() {
    KeyPair middleKeys = TestPki.rsa(2048);
    X509Certificate middle =
        TestPki.issued(
            TestPki.Spec.ca("CN=M,O=Cairn,ST=WA,C=US").pathLength(0),
            middleKeys.getPublic(),
            ROOT,
            ROOT_KEYS.getPrivate());
    X509Certificate leaf =
        TestPki.issued(
            TestPki.Spec.leaf(LEAF_DN), LEAF_KEYS.getPublic(), middle, middleKeys.getPrivate());
    byte[] envelope =
        new NotationSigner(List.of(leaf, middle, ROOT), LEAF_KEYS.getPrivate(), "PS256")
            .sign(SUBJECT);

    assertEquals(Outcome.VALID, verify(envelope, "strict", List.of(ROOT)).outcome());
    assertEquals(Outcome.VALID, verify(envelope, "strict", List.of(middle)).outcome());
  }

  private static byte[] signed(X509Certificate leaf) {
    return new NotationSigner(List.of(leaf, ROOT), LEAF_KEYS.getPrivate(), "PS256").sign(SUBJECT);
  }

  private static void assertInvalid(byte[] envelope, String because) {
    for (String level : List.of("strict", "audit")) {
      SignatureVerdict verdict = verify(envelope, level, List.of(ROOT));
      assertEquals(Outcome.INVALID_SIGNATURE, verdict.outcome(), verdict.reason());
      assertTrue(verdict.reason().startsWith("integrity validation failed: "), verdict.reason());
      assertTrue(verdict.reason().contains(because), verdict.reason());
    }
  }
}
