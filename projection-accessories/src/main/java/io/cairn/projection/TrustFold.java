package io.cairn.projection;

import io.cairn.events.CosignKeyAdded;
import io.cairn.events.CosignKeyRemoved;
import io.cairn.events.NotationCertificateAdded;
import io.cairn.events.NotationCertificateRemoved;
import io.cairn.events.NotationPolicySet;
import io.cairn.events.RegistryEvent;
import io.cairn.events.SignatureCheck;
import io.cairn.events.TrustEvaluated;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trust part of the fold: each project's Cosign keys, Notation trust stores and policy, a
 * generation counter that every change of them moves on, and the verdicts the policy processor
 * writes. Replays end in the same state: a change that changes nothing moves no generation.
 */
final class TrustFold {
  static final String COSIGN = "cosign";
  static final String NOTATION = "notation";
  static final String POLICY = "policy";
  static final String GENERATION = "generation";

  private TrustFold() {}

  static Optional<List<Change>> evolve(StateLookup state, RegistryEvent event) {
    Object payload = event.getPayload();
    String project = event.getProject();
    long at = event.getOccurredAt().toEpochMilli();
    if (payload instanceof CosignKeyAdded p) {
      String key = Store.key(project, COSIGN, p.getName());
      if (state.get(Store.TRUST, key) != null) {
        return Optional.of(List.of());
      }
      CosignKeyEntry entry =
          new CosignKeyEntry(p.getName(), p.getPublicKeyPem(), p.getFingerprint(), at);
      return Optional.of(changed(state, project, new Change.Put(Store.TRUST, key, json(entry))));
    } else if (payload instanceof CosignKeyRemoved p) {
      return Optional.of(removed(state, project, Store.key(project, COSIGN, p.getName())));
    } else if (payload instanceof NotationCertificateAdded p) {
      String key = Store.key(project, NOTATION, p.getName());
      if (state.get(Store.TRUST, key) != null) {
        return Optional.of(List.of());
      }
      NotationStoreEntry entry =
          new NotationStoreEntry(
              p.getName(), p.getStoreType(), p.getCertificatesPem(), p.getFingerprints(), at);
      return Optional.of(changed(state, project, new Change.Put(Store.TRUST, key, json(entry))));
    } else if (payload instanceof NotationCertificateRemoved p) {
      return Optional.of(removed(state, project, Store.key(project, NOTATION, p.getName())));
    } else if (payload instanceof NotationPolicySet p) {
      String key = Store.key(project, POLICY);
      if (p.getPolicyJson().equals(state.get(Store.TRUST, key))) {
        return Optional.of(List.of());
      }
      return Optional.of(
          changed(state, project, new Change.Put(Store.TRUST, key, p.getPolicyJson())));
    } else if (payload instanceof TrustEvaluated p) {
      return Optional.of(List.of(verdict(event.getRepository(), p, at)));
    }
    return Optional.empty();
  }

  private static List<Change> removed(StateLookup state, String project, String key) {
    if (state.get(Store.TRUST, key) == null) {
      return List.of();
    }
    return changed(state, project, new Change.Delete(Store.TRUST, key));
  }

  /** The change plus the project's next generation. */
  private static List<Change> changed(StateLookup state, String project, Change change) {
    String key = Store.key(project, GENERATION);
    String old = state.get(Store.TRUST, key);
    long next = (old == null ? 0 : Long.parseLong(old)) + 1;
    return List.of(change, new Change.Put(Store.TRUST, key, Long.toString(next)));
  }

  private static Change verdict(String repository, TrustEvaluated p, long at) {
    if (repository == null) {
      throw new IllegalArgumentException("TrustEvaluated without a repository");
    }
    List<VerdictEntry.Check> checks = new ArrayList<>();
    for (SignatureCheck c : p.getSignatures()) {
      checks.add(
          new VerdictEntry.Check(
              c.getSignatureDigest(),
              c.getKind().name(),
              c.getOutcome(),
              c.getVerifiedBy(),
              c.getReason(),
              c.getWarnings()));
    }
    VerdictEntry entry = new VerdictEntry(p.getSubjectDigest(), p.getTrustGeneration(), checks, at);
    return new Change.Put(Store.VERDICTS, Store.key(repository, p.getSubjectDigest()), json(entry));
  }

  private static String json(Object entry) {
    return EntryCodec.encode(entry);
  }
}
