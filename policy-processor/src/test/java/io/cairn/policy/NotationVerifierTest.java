package io.cairn.policy;

import static io.cairn.policy.NotationTestBed.LEAF;
import static io.cairn.policy.NotationTestBed.LEAF_DN;
import static io.cairn.policy.NotationTestBed.OTHER;
import static io.cairn.policy.NotationTestBed.ROOT;
import static io.cairn.policy.NotationTestBed.ROOT_KEYS;
import static io.cairn.policy.NotationTestBed.SUBJECT;
import static io.cairn.policy.NotationTestBed.leaf;
import static io.cairn.policy.NotationTestBed.policy;
import static io.cairn.policy.NotationTestBed.signer;
import static io.cairn.policy.NotationTestBed.verifier;
import static io.cairn.policy.NotationTestBed.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Notation trust and time checks under each level, with certificates made at test time. */
class NotationVerifierTest {
  private static final Instant PAST = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant FUTURE = Instant.parse("2030-01-01T00:00:00Z");

  @ParameterizedTest(name = "OCI 1.1 form: {0}")
  @ValueSource(booleans = {true, false})
  void signatureChainingToATrustedRootIsValid(boolean oci11) {
    SignatureVerdict verdict =
        verify(signer().sign(SUBJECT), verifier(policy("strict", "*"), List.of(ROOT)), oci11);

    assertEquals(Outcome.VALID, verdict.outcome(), verdict.reason());
    String leafName = LEAF.getSubjectX500Principal().getName(X500Principal.RFC2253);
    assertTrue(verdict.verifiedBy().startsWith(leafName + " (sha256 "), verdict.verifiedBy());
    assertEquals(List.of(), verdict.warnings());
  }

  @Test
  void trustingTheLeafItselfIsEnough() {
    assertEquals(Outcome.VALID, verify(signer().sign(SUBJECT), "strict", List.of(LEAF)).outcome());
  }

  @Test
  void tamperedSignatureIsInvalidEvenWhenTrustWouldFailToo() {
    byte[] tampered = NotationSigner.tamperSignature(signer().sign(SUBJECT));

    assertEquals(Outcome.INVALID_SIGNATURE, verify(tampered, "strict", List.of(ROOT)).outcome());
    assertEquals(
        Outcome.INVALID_SIGNATURE, verify(tampered, "audit", List.of(otherRoot())).outcome());
  }

  @Test
  void signatureForAnotherManifestIsWrongSubject() {
    SignatureVerdict verdict = verify(signer().sign(OTHER), "strict", List.of(ROOT));

    assertEquals(Outcome.WRONG_SUBJECT, verdict.outcome());
    assertTrue(verdict.reason().contains(OTHER.toString()), verdict.reason());
  }

  @ParameterizedTest
  @CsvSource({"strict,untrusted-key", "permissive,untrusted-key", "audit,valid"})
  void untrustedRootIsEnforcedUnlessAudit(String level, String expected) {
    SignatureVerdict verdict = verify(signer().sign(SUBJECT), level, List.of(otherRoot()));

    assertEquals(expected, verdict.outcome().word(), verdict.reason());
    if (level.equals("audit")) {
      assertTrue(verdict.warnings().get(0).startsWith("authenticity validation failed"));
    } else {
      assertNull(verdict.verifiedBy());
    }
  }

  /** notation-core-go trusts equal certificates, not equal keys. */
  @Test
  void anotherCertificateForTheRootKeyIsNotTrusted() {
    X509Certificate sameKey =
        TestPki.selfSigned(TestPki.Spec.ca("CN=Impostor Root,O=Elsewhere,ST=WA,C=US"), ROOT_KEYS);

    SignatureVerdict verdict = verify(signer().sign(SUBJECT), "strict", List.of(sameKey));

    assertEquals(Outcome.UNTRUSTED_KEY, verdict.outcome());
  }

  @ParameterizedTest
  @CsvSource({"strict,expired-certificate", "permissive,valid", "audit,valid"})
  void expiredLeafFailsOnlyStrict(String level, String expected) {
    X509Certificate expired = leaf(TestPki.Spec.leaf(LEAF_DN).validity(TestPki.LONG_AGO, PAST));
    byte[] envelope = chainSigner(expired).sign(SUBJECT);

    SignatureVerdict verdict = verify(envelope, level, List.of(ROOT));

    assertEquals(expected, verdict.outcome().word(), verdict.reason());
    String message = level.equals("strict") ? verdict.reason() : verdict.warnings().get(0);
    assertTrue(message.startsWith("authenticTimestamp validation failed"), message);
  }

  @Test
  void leafNotYetValidIsATimeFailure() {
    X509Certificate early = leaf(TestPki.Spec.leaf(LEAF_DN).validity(FUTURE, TestPki.FAR_AHEAD));

    SignatureVerdict verdict = verify(chainSigner(early).sign(SUBJECT), "strict", List.of(ROOT));

    assertEquals(Outcome.EXPIRED_CERTIFICATE, verdict.outcome());
  }

  @ParameterizedTest
  @CsvSource({"strict,expired-signature", "permissive,valid", "audit,valid"})
  void expiredSignatureFailsOnlyStrict(String level, String expected) {
    SignatureVerdict verdict = verify(signer().expiry(PAST).sign(SUBJECT), level, List.of(ROOT));

    assertEquals(expected, verdict.outcome().word(), verdict.reason());
    String message = level.equals("strict") ? verdict.reason() : verdict.warnings().get(0);
    assertTrue(message.contains("digital signature has expired"), message);
  }

  @Test
  void signatureBeforeItsExpiryIsValid() {
    SignatureVerdict verdict =
        verify(signer().expiry(FUTURE).sign(SUBJECT), "strict", List.of(ROOT));

    assertEquals(Outcome.VALID, verdict.outcome(), verdict.reason());
  }

  @Test
  void skipLevelVerifiesNothing() {
    String skip =
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"s\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"skip\"}}]}";
    byte[] garbage = "not an envelope".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    SignatureVerdict verdict = verify(garbage, verifier(skip, List.of()), true);

    assertEquals(Outcome.SKIPPED, verdict.outcome());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "strict|x509.subject: C=US, ST=WA, O=Cairn, CN=builder|valid",
        "strict|x509.subject: O=Cairn, ST=WA, C=US|valid",
        "strict|x509.subject: C=US, ST=WA, O=Cairn, CN=someone-else|untrusted-identity",
        "permissive|x509.subject: C=US, ST=WA, O=Other|untrusted-identity",
        "audit|x509.subject: C=US, ST=WA, O=Other|valid"
      })
  void trustedIdentityIsASubsetOfTheLeafSubject(String level, String identity, String expected) {
    SignatureVerdict verdict =
        verify(signer().sign(SUBJECT), verifier(policy(level, identity), List.of(ROOT)), true);

    assertEquals(expected, verdict.outcome().word(), verdict.reason());
  }

  @ParameterizedTest
  @CsvSource({"secp256r1,ES256", "secp384r1,ES384", "secp521r1,ES512"})
  void ecdsaChainsVerify(String curve, String alg) {
    KeyPair rootKeys = TestPki.ec(curve);
    X509Certificate root =
        TestPki.selfSigned(TestPki.Spec.ca("CN=EC Root,O=Cairn,ST=WA,C=US"), rootKeys);
    KeyPair leafKeys = TestPki.ec(curve);
    X509Certificate leaf =
        TestPki.issued(
            TestPki.Spec.leaf(LEAF_DN), leafKeys.getPublic(), root, rootKeys.getPrivate());
    byte[] envelope =
        new NotationSigner(List.of(leaf, root), leafKeys.getPrivate(), alg).sign(SUBJECT);

    assertEquals(Outcome.VALID, verify(envelope, "strict", List.of(root)).outcome());
    assertEquals(Outcome.UNTRUSTED_KEY, verify(envelope, "strict", List.of(ROOT)).outcome());
  }

  /** Under the signing-authority scheme the authentic signing time, not now, must be in range. */
  @Test
  void signingAuthorityTimeIsCheckedAgainstTheChain() {
    X509Certificate expired = leaf(TestPki.Spec.leaf(LEAF_DN).validity(TestPki.LONG_AGO, PAST));
    NotationSigner authority =
        chainSigner(expired)
            .header("io.cncf.notary.signingScheme", "notary.x509.signingAuthority")
            .header("io.cncf.notary.signingTime", null)
            .header("io.cncf.notary.authenticSigningTime", "2024-06-01T00:00:00Z")
            .header(
                "crit",
                List.of("io.cncf.notary.signingScheme", "io.cncf.notary.authenticSigningTime"));
    String policy = policy("strict", "*").replace("ca:test", "signingAuthority:test");
    NotationVerifier verifier =
        new NotationVerifier(
            NotationTrustPolicy.parse(policy.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            java.util.Map.of("signingAuthority:test", List.of(ROOT)));

    assertEquals(Outcome.VALID, verify(authority.sign(SUBJECT), verifier, true).outcome());
    assertEquals(
        Outcome.UNTRUSTED_KEY,
        verify(authority.sign(SUBJECT), "strict", List.of(ROOT)).outcome(),
        "a ca store does not vouch for signing-authority signatures");
  }

  private static NotationSigner chainSigner(X509Certificate leaf) {
    return new NotationSigner(List.of(leaf, ROOT), NotationTestBed.LEAF_KEYS.getPrivate(), "PS256");
  }

  private static X509Certificate otherRoot() {
    return TestPki.selfSigned(
        TestPki.Spec.ca("CN=Other Root,O=Other,ST=WA,C=US"), TestPki.rsa(2048));
  }
}
