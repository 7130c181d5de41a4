package io.cairn.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case of the shared {@code notation/cases.json}, read where it lies (it must not be copied
 * into the repository); each test reports skipped when the folder is absent.
 */
class NotationFixtureTest {
  /**
   * After every expiry the fixtures expect to have passed (2023, 2025) and before every validity
   * end they expect to hold (2120, 2122), so verdicts do not change with the build date.
   */
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static final Path ROOT = Fixtures.NOTATION;
  private static final Digest E2E =
      Digest.parse("sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9");
  private static final Digest EXPIRED_SIGNATURE =
      Digest.parse("sha256:3829708badae8e4b14e1adbc2fac7182bc0c27c5b6f54153e8b68a12eab10a1e");
  private static final Digest EXPIRED_CERT =
      Digest.parse("sha256:b06e392c2d88206b492dbaf5381800578611eb24f86587bc7717cd3b736e5da7");
  private static final Digest NOT_AN_ENVELOPE =
      Digest.parse("sha256:321fcc674d6771dd0e5bd21e599f2df3a482de99a400fd3a3fe371221b97a9c9");
  private static final Digest VALID_SIGNATURE =
      Digest.parse("sha256:90ceaff260d657d797c408ac73564a9c7bb9d86055877c2a811f0e63b8c6524f");

  @BeforeEach
  void requireFixtures() {
    assumeTrue(Fixtures.notationPresent(), Fixtures.NOTATION_ABSENT);
  }

  static Stream<Arguments> manifestCases() {
    return cases("manifestCases");
  }

  static Stream<Arguments> envelopeCases() {
    return cases("envelopeCases");
  }

  /** One placeholder when the fixtures are absent, so that the test reports skipped. */
  private static Stream<Arguments> cases(String field) {
    if (!Fixtures.notationPresent()) {
      return Stream.of(Arguments.of("notation fixtures absent", null));
    }
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Fixtures.json(ROOT.resolve("cases.json")).get(field)) {
      out.add(Arguments.of(c.get("case").asText(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifestCases")
  void manifestCaseMatchesCasesJson(String name, JsonNode c) {
    Path store = ROOT.resolve(c.get("trustStore").asText());
    NotationVerifier verifier =
        verifier(Fixtures.bytes(ROOT.resolve(c.get("trustPolicy").asText())), store);
    Digest signature = Digest.parse(c.get("signatureManifestDigest").asText());
    OciLayout layout = new OciLayout(ROOT.resolve(c.get("layout").asText()));

    SignatureVerdict verdict =
        verifier.verify(
            repository(c.get("subjectIndexRef").asText()),
            Digest.parse(c.get("subjectDigest").asText()),
            signature,
            layout.manifest(signature),
            layout.blobs(),
            NOW);

    assertEquals(c.get("expected").asText(), verdict.outcome().word(), verdict.reason());
    assertEquals(signature, verdict.signatureDigest());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("envelopeCases")
  void envelopeCaseMatchesCasesJson(String name, JsonNode c) {
    Path store = ROOT.resolve(c.get("trustStore").asText());
    Path policy = ROOT.resolve("trustpolicy/trustpolicy." + store.getFileName() + ".json");

    SignatureVerdict verdict =
        verifier(Fixtures.bytes(policy), store)
            .verifyEnvelope(
                "e2e",
                Digest.parse(c.get("targetArtifact").asText()),
                Fixtures.bytes(ROOT.resolve(c.get("file").asText())),
                NOW);

    assertEquals(c.get("expected").asText(), verdict.outcome().word(), verdict.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"permissive", "audit"})
  void expiredSignatureIsOnlyAWarningBelowStrict(String level) {
    SignatureVerdict verdict = verifyInE2e(EXPIRED_SIGNATURE, policy(level, "ca:e2e"), "e2e");

    assertEquals(Outcome.VALID, verdict.outcome(), verdict.reason());
    assertTrue(
        verdict.warnings().stream().anyMatch(w -> w.contains("digital signature has expired")),
        verdict.warnings().toString());
  }

  @Test
  void expiredSignatureFailsStrictWithNotationsMessage() {
    SignatureVerdict verdict = verifyInE2e(EXPIRED_SIGNATURE, policy("strict", "ca:e2e"), "e2e");

    assertEquals(Outcome.EXPIRED_SIGNATURE, verdict.outcome());
    assertTrue(verdict.reason().startsWith("expiry validation failed"), verdict.reason());
  }

  @Test
  void expiredCertificateFailsStrictWithNotationsMessage() {
    SignatureVerdict verdict = verifyInE2e(EXPIRED_CERT, policy("strict", "ca:expired"), "expired");

    assertEquals(Outcome.EXPIRED_CERTIFICATE, verdict.outcome());
    assertTrue(
        verdict.reason().startsWith("authenticTimestamp validation failed"), verdict.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"permissive", "audit"})
  void expiredCertificateIsOnlyAWarningBelowStrict(String level) {
    SignatureVerdict verdict = verifyInE2e(EXPIRED_CERT, policy(level, "ca:expired"), "expired");

    assertEquals(Outcome.VALID, verdict.outcome(), verdict.reason());
    assertEquals(1, verdict.warnings().size(), verdict.warnings().toString());
    assertTrue(verdict.warnings().get(0).startsWith("authenticTimestamp validation failed"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"strict", "permissive", "audit"})
  void notAnEnvelopeFailsIntegrityAtEveryLevel(String level) {
    SignatureVerdict verdict = verifyInE2e(NOT_AN_ENVELOPE, policy(level, "ca:e2e"), "e2e");

    assertEquals(Outcome.INVALID_SIGNATURE, verdict.outcome());
    assertTrue(verdict.reason().startsWith("integrity validation failed"), verdict.reason());
  }

  /** The policies notation's own e2e suite uses all accept its valid signature. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "trustpolicy.json",
        "valid_trusted_identity_trustpolicy.json",
        "permissive_trustpolicy.json",
        "audit_trustpolicy.json"
      })
  void upstreamPoliciesAcceptTheValidSignature(String file) {
    byte[] policy = Fixtures.bytes(ROOT.resolve("upstream/notation/trustpolicies").resolve(file));

    SignatureVerdict verdict = verifyInE2e(VALID_SIGNATURE, policy, "e2e");

    assertEquals(Outcome.VALID, verdict.outcome(), verdict.reason());
    assertEquals(List.of(), verdict.warnings());
    assertTrue(
        verdict
            .verifiedBy()
            .startsWith("CN=e2e,O=Notary,L=Seattle,ST=WA,C=US (sha256 e38aea13f2b0"),
        verdict.verifiedBy());
  }

  @Test
  void anotherSubjectIsNotATrustedIdentity() {
    byte[] policy =
        policyJson("strict", "ca:e2e", "x509.subject: C=US, ST=WA, O=Notary, CN=someone-else");

    SignatureVerdict verdict = verifyInE2e(VALID_SIGNATURE, policy, "e2e");

    assertEquals(Outcome.UNTRUSTED_IDENTITY, verdict.outcome(), verdict.reason());
  }

  @Test
  void identityAttributesMatchInAnyOrder() {
    byte[] policy = policyJson("strict", "ca:e2e", "x509.subject: C=US, ST=WA, O=Notary, CN=e2e");

    assertEquals(Outcome.VALID, verifyInE2e(VALID_SIGNATURE, policy, "e2e").outcome());
  }

  /** Upstream's two-signature layout: one good signature verifies the subject. */
  @Test
  void oneTrustedSignatureAmongTwoVerifiesTheSubject() {
    OciLayout layout =
        new OciLayout(ROOT.resolve("upstream/notation/oci_layout/e2e-valid-multiple-signatures"));
    NotationVerifier verifier =
        verifier(policy("strict", "ca:e2e"), ROOT.resolve("truststore/x509/ca/e2e"));
    List<SignatureVerdict> verdicts = new ArrayList<>();
    for (JsonNode entry : Fixtures.json(layout.root().resolve("index.json")).get("manifests")) {
      Digest digest = Digest.parse(entry.get("digest").asText());
      if (entry.get("mediaType").asText().endsWith("manifest.v1+json")
          && NotationVerifier.isSignatureManifest(layout.manifest(digest))) {
        verdicts.add(
            verifier.verify("e2e", E2E, digest, layout.manifest(digest), layout.blobs(), NOW));
      }
    }

    SubjectVerdict subject = new SubjectVerdict(E2E, SubjectVerdict.Kind.NOTATION, verdicts);

    assertEquals(2, verdicts.size());
    assertTrue(subject.verified());
    assertEquals(1, subject.failures().size());
    assertEquals(Outcome.UNTRUSTED_KEY, subject.failures().get(0).outcome());
  }

  @Test
  void trustStoreCertificatesHaveTheReadmeFingerprints() {
    X509Certificate e2e = certificates(ROOT.resolve("truststore/x509/ca/e2e")).get(0);
    X509Certificate other =
        certificates(ROOT.resolve("truststore/x509/ca/same-key-other-cert")).get(0);

    assertTrue(
        NotationChecks.describe(e2e)
            .contains("e38aea13f2b051f7183cca64a51ee676f4d4456f41d9fecf15eb367efc7343b9"));
    assertEquals(e2e.getPublicKey(), other.getPublicKey(), "same key, other certificate");
    assertNotNull(NotationChecks.describe(other));
  }

  private SignatureVerdict verifyInE2e(Digest signature, byte[] policy, String store) {
    OciLayout layout = new OciLayout(ROOT.resolve("layout"));
    return verifier(policy, ROOT.resolve("truststore/x509/ca/" + store))
        .verify("e2e", E2E, signature, layout.manifest(signature), layout.blobs(), NOW);
  }

  private static NotationVerifier verifier(byte[] policy, Path store) {
    return new NotationVerifier(
        NotationTrustPolicy.parse(policy),
        Map.of("ca:" + store.getFileName(), certificates(store)));
  }

  /** Every certificate of a trust store directory in notation's layout. */
  static List<X509Certificate> certificates(Path store) {
    List<X509Certificate> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(store)) {
      files.sorted().forEach(f -> out.addAll(Pem.certificates(Fixtures.text(f))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static byte[] policy(String level, String store) {
    return policyJson(level, store, "*");
  }

  private static byte[] policyJson(String level, String store, String identity) {
    String json =
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"p\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\""
            + level
            + "\"},"
            + "\"trustStores\":[\""
            + store
            + "\"],\"trustedIdentities\":[\""
            + identity
            + "\"]}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String repository(String indexRef) {
    return indexRef.substring(0, indexRef.indexOf(':'));
  }
}
