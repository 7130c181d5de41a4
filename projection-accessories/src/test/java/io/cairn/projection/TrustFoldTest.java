package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.CosignKeyAdded;
import io.cairn.events.CosignKeyRemoved;
import io.cairn.events.NotationCertificateAdded;
import io.cairn.events.NotationCertificateRemoved;
import io.cairn.events.NotationPolicySet;
import io.cairn.events.SignatureCheck;
import io.cairn.events.SignatureKind;
import io.cairn.events.TrustEvaluated;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trust material, its generation, and verdicts folded from their events. */
class TrustFoldTest {
  private final TestEvents e = new TestEvents();
  private final InMemoryState state = new InMemoryState();
  private final TrustView trust = new StateTrustView(state);

  @Test
  void everyRealChangeOfTrustMaterialMovesTheGeneration() {
    assertEquals(0, trust.generation("team"));
    state.apply(e.projectEvent("team", new CosignKeyAdded("a", "PEM-A", "fa")));
    state.apply(e.projectEvent("team", new CosignKeyAdded("a", "PEM-other", "fo"))); // no-op
    state.apply(e.projectEvent("team", new CosignKeyAdded("b", "PEM-B", "fb")));
    state.apply(e.projectEvent("team", new CosignKeyRemoved("a")));
    state.apply(e.projectEvent("team", new CosignKeyRemoved("a"))); // no-op
    assertEquals(3, trust.generation("team"));
    assertEquals(
        List.of("b"), trust.cosignKeys("team").stream().map(CosignKeyEntry::name).toList());
    assertEquals("PEM-B", trust.cosignKeys("team").get(0).publicKeyPem());

    state.apply(
        e.projectEvent("team", new NotationCertificateAdded("e2e", "ca", "CERT", List.of("f1"))));
    state.apply(e.projectEvent("team", new NotationPolicySet("{\"version\":\"1.0\"}")));
    state.apply(e.projectEvent("team", new NotationPolicySet("{\"version\":\"1.0\"}"))); // no-op
    assertEquals(5, trust.generation("team"));
    assertEquals("ca", trust.notationStores("team").get(0).storeType());
    assertEquals("{\"version\":\"1.0\"}", trust.notationPolicy("team").orElseThrow());
    state.apply(e.projectEvent("team", new NotationCertificateRemoved("e2e")));
    assertEquals(6, trust.generation("team"));
    assertTrue(trust.notationStores("team").isEmpty());
    assertEquals(0, trust.generation("other"), "generations are per project");
  }

  @Test
  void theLastVerdictOnASubjectIsKept() {
    SignatureCheck bad =
        new SignatureCheck(
            "sha256:s1", SignatureKind.COSIGN, "untrusted-key", null, "no", List.of());
    SignatureCheck good =
        new SignatureCheck("sha256:s2", SignatureKind.COSIGN, "valid", "key a", null, List.of());
    state.apply(e.event("team/app", new TrustEvaluated("sha256:x", 1L, List.of(bad))));
    assertFalse(trust.verdict("team/app", "sha256:x").orElseThrow().verified("COSIGN"));
    state.apply(e.event("team/app", new TrustEvaluated("sha256:x", 2L, List.of(bad, good))));
    VerdictEntry verdict = trust.verdict("team/app", "sha256:x").orElseThrow();
    assertTrue(verdict.verified("COSIGN"));
    assertFalse(verdict.verified("NOTATION"));
    assertEquals(2, verdict.generation());
    assertEquals("key a", verdict.signatures().get(1).verifiedBy());
    assertTrue(trust.verdict("team/other", "sha256:x").isEmpty());
  }
}
