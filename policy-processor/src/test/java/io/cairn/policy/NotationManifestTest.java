package io.cairn.policy;

import static io.cairn.policy.NotationTestBed.NOW;
import static io.cairn.policy.NotationTestBed.ROOT;
import static io.cairn.policy.NotationTestBed.SUBJECT;
import static io.cairn.policy.NotationTestBed.policy;
import static io.cairn.policy.NotationTestBed.signer;
import static io.cairn.policy.NotationTestBed.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What is around the envelope: a manifest that is not exactly one Notation signature, an envelope
 * blob that is missing or altered, a repository no statement covers, trust stores not given.
 */
class NotationManifestTest {

  @Test
  void manifestMustHaveExactlyOneEnvelope() {
    InMemoryBlobs blobs = new InMemoryBlobs();
    Descriptor one = blobs.put(NotationVerifier.JWS, signer().sign(SUBJECT), Map.of());
    Manifest two = withLayers(NotationSigner.manifest(one, SUBJECT, true), List.of(one, one));

    assertManifestInvalid(two, blobs, "exactly one envelope layer");
  }

  @Test
  void coseEnvelopesAreNotSupported() {
    InMemoryBlobs blobs = new InMemoryBlobs();
    Descriptor cose = blobs.put("application/cose", new byte[] {1, 2, 3}, Map.of());

    assertManifestInvalid(NotationSigner.manifest(cose, SUBJECT, true), blobs, "COSE");
  }

  @Test
  void manifestWithoutTheSignatureTypeIsNotANotationSignature() {
    InMemoryBlobs blobs = new InMemoryBlobs();
    Descriptor layer = blobs.put(NotationVerifier.JWS, signer().sign(SUBJECT), Map.of());
    Manifest manifest = NotationSigner.manifest(layer, SUBJECT, true);
    Manifest image =
        new Manifest(
            MediaTypes.OCI_MANIFEST,
            "application/vnd.example",
            manifest.config(),
            List.of(layer),
            List.of(),
            null,
            Map.of());

    assertManifestInvalid(image, blobs, "not a Notation signature manifest");
  }

  @Test
  void missingOrAlteredEnvelopeBlobIsInvalid() {
    InMemoryBlobs blobs = new InMemoryBlobs();
    Descriptor layer = blobs.put(NotationVerifier.JWS, signer().sign(SUBJECT), Map.of());
    Manifest manifest = NotationSigner.manifest(layer, SUBJECT, false);
    blobs.putUnder(layer.digest(), signer().sign(NotationTestBed.OTHER));
    assertManifestInvalid(manifest, blobs, "do not match the descriptor");

    blobs.remove(layer.digest());
    assertManifestInvalid(manifest, blobs, "is not in the repository");
  }

  @Test
  void noStatementForTheRepositoryIsUntrusted() {
    String scoped =
        policy("strict", "*")
            .replace("\"registryScopes\":[\"*\"]", "\"registryScopes\":[\"library/other\"]");
    InMemoryBlobs blobs = new InMemoryBlobs();
    Descriptor layer = blobs.put(NotationVerifier.JWS, signer().sign(SUBJECT), Map.of());

    SignatureVerdict verdict =
        verifier(scoped, List.of(ROOT))
            .verify(
                "library/app",
                SUBJECT,
                layer.digest(),
                NotationSigner.manifest(layer, SUBJECT, true),
                blobs,
                NOW);

    assertEquals(Outcome.UNTRUSTED_KEY, verdict.outcome());
    assertTrue(verdict.reason().contains("no trust policy statement"), verdict.reason());
  }

  @Test
  void everyTrustStoreThePolicyNamesMustBeGiven() {
    NotationTrustPolicy policy =
        NotationTrustPolicy.parse(policy("strict", "*").getBytes(StandardCharsets.UTF_8));

    TrustMaterialException e =
        assertThrows(TrustMaterialException.class, () -> new NotationVerifier(policy, Map.of()));
    assertTrue(e.getMessage().contains("ca:test"), e.getMessage());
  }

  private static void assertManifestInvalid(
      Manifest manifest, InMemoryBlobs blobs, String because) {
    SignatureVerdict verdict =
        verifier(policy("audit", "*"), List.of(ROOT))
            .verify("library/app", SUBJECT, Digest.sha256(new byte[] {42}), manifest, blobs, NOW);
    assertEquals(Outcome.INVALID_SIGNATURE, verdict.outcome(), verdict.reason());
    assertTrue(verdict.reason().contains(because), verdict.reason());
  }

  private static Manifest withLayers(Manifest m, List<Descriptor> layers) {
    return new Manifest(
        m.mediaType(),
        m.artifactType(),
        m.config(),
        layers,
        List.of(),
        m.subject(),
        m.annotations());
  }
}
