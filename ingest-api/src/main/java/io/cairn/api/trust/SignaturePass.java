package io.cairn.api.trust;

import io.cairn.accessory.AccessoryType;
import io.cairn.api.Backend;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.OciException;
import io.cairn.policy.SignatureForm;
import io.cairn.policy.verdict.StoredBlobs;
import io.cairn.projection.ManifestEntry;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thing content trust lets through unsigned: a signature, so that a reader can fetch it and
 * verify it. Being an accessory is not enough — an SBOM, an attestation or anything pushed with a
 * {@code subject} is an artifact like any other. A manifest passes only if it is linked as a Cosign
 * or Notation signature to a subject the repository holds, and its bytes are what a signing tool
 * writes ({@link SignatureForm}); so neither a link to nothing nor an image dressed as a signature
 * opens the gate, whatever an older log recorded.
 *
 * <p>The byte check reads the manifest and its small blobs once per digest; content under a digest
 * never changes, so the answer is remembered (bounded, least recently used first). Thread-safe.
 */
final class SignaturePass {
  private static final Logger LOG = LoggerFactory.getLogger(SignaturePass.class);
  private static final int REMEMBERED = 4096;

  private final Backend backend;
  private final StoredBlobs blobs;
  private final Map<String, Boolean> decided = new LinkedHashMap<>(256, 0.75f, true);

  SignaturePass(Backend backend) {
    this.backend = backend;
    this.blobs = new StoredBlobs(backend.blobs());
  }

  /** Whether {@code manifest} of {@code repository} may be served unsigned as a signature. */
  Future<Boolean> passes(String repository, ManifestEntry manifest) {
    Optional<AccessoryType> type = signatureOfStoredSubject(repository, manifest.digest());
    if (type.isEmpty()) {
      return Future.succeededFuture(false);
    }
    String key = manifest.digest() + " " + type.get().wireName();
    Boolean known = remembered(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return backend
        .vertx()
        .executeBlocking(() -> wellFormed(manifest, type.get()))
        .onSuccess(ok -> remember(key, ok));
  }

  /** The signature type the manifest is linked with to a subject that is stored, if any. */
  private Optional<AccessoryType> signatureOfStoredSubject(String repository, String digest) {
    for (Map.Entry<String, String> link :
        backend.view().subjectsOf(repository, digest).entrySet()) {
      Optional<AccessoryType> type =
          AccessoryType.fromWireName(link.getValue()).filter(AccessoryType::isSignature);
      if (type.isPresent() && backend.view().hasManifest(repository, link.getKey())) {
        return type;
      }
    }
    return Optional.empty();
  }

  private boolean wellFormed(ManifestEntry entry, AccessoryType type) {
    Optional<byte[]> bytes = blobs.read(Digest.parse(entry.digest()));
    if (bytes.isEmpty()) {
      return false;
    }
    Manifest manifest;
    try {
      manifest = Manifest.parse(bytes.get(), entry.mediaType());
    } catch (OciException e) {
      return false;
    }
    Optional<String> problem = SignatureForm.problem(type, manifest, blobs);
    problem.ifPresent(
        why ->
            LOG.info(
                "{} is linked as a {} but is not one, so content trust gates it: {}",
                entry.digest(),
                type.wireName(),
                why));
    return problem.isEmpty();
  }

  private synchronized Boolean remembered(String key) {
    return decided.get(key);
  }

  private synchronized void remember(String key, boolean passes) {
    decided.put(key, passes);
    if (decided.size() > REMEMBERED) {
      decided.remove(decided.keySet().iterator().next());
    }
  }
}
