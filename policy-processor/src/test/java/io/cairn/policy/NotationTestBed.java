package io.cairn.policy;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small PKI made once per test JVM (root → leaf, RSA-2048, PS256) and the plumbing to verify an
 * envelope as a pushed signature manifest. Everything is generated; nothing is read from disk.
 */
final class NotationTestBed {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Digest SUBJECT = Digest.sha256("subject manifest".getBytes(StandardCharsets.UTF_8));
  static final Digest OTHER = Digest.sha256("another manifest".getBytes(StandardCharsets.UTF_8));
  static final String LEAF_DN = "CN=builder,O=Cairn,L=Seattle,ST=WA,C=US";

  static final KeyPair ROOT_KEYS = TestPki.rsa(2048);
  static final X509Certificate ROOT =
      TestPki.selfSigned(TestPki.Spec.ca("CN=Cairn Test Root,O=Cairn,ST=WA,C=US"), ROOT_KEYS);
  static final KeyPair LEAF_KEYS = TestPki.rsa(2048);
  static final X509Certificate LEAF = leaf(TestPki.Spec.leaf(LEAF_DN));

  private NotationTestBed() {}

  static X509Certificate leaf(TestPki.Spec spec) {
    return TestPki.issued(spec, LEAF_KEYS.getPublic(), ROOT, ROOT_KEYS.getPrivate());
  }

  /** A PS256 signer with the chain leaf → root. */
  static NotationSigner signer() {
    return new NotationSigner(List.of(LEAF, ROOT), LEAF_KEYS.getPrivate(), "PS256");
  }

  /** A one-statement policy for every repository, trusting store {@code ca:test}. */
  static String policy(String level, String identity) {
    return "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"test\",\"registryScopes\":[\"*\"],"
        + "\"signatureVerification\":{\"level\":\""
        + level
        + "\"},\"trustStores\":[\"ca:test\"],\"trustedIdentities\":[\""
        + identity
        + "\"]}]}";
  }

  static NotationVerifier verifier(String policyJson, List<X509Certificate> trusted) {
    return new NotationVerifier(
        NotationTrustPolicy.parse(policyJson.getBytes(StandardCharsets.UTF_8)),
        Map.of("ca:test", trusted));
  }

  /** Verifies {@code envelope} pushed as an OCI 1.1 signature manifest of {@link #SUBJECT}. */
  static SignatureVerdict verify(byte[] envelope, String level, List<X509Certificate> trusted) {
    return verify(envelope, verifier(policy(level, "*"), trusted), true);
  }

  static SignatureVerdict verify(byte[] envelope, NotationVerifier verifier, boolean oci11) {
    InMemoryBlobs blobs = new InMemoryBlobs();
    Descriptor layer = blobs.put(NotationVerifier.JWS, envelope, Map.of());
    return verifier.verify(
        "library/app",
        SUBJECT,
        Digest.sha256(envelope),
        NotationSigner.manifest(layer, SUBJECT, oci11),
        blobs,
        NOW);
  }
}
