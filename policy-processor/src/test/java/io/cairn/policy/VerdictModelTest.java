package io.cairn.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The verdict words and the rule that combines the signatures of one subject. */
class VerdictModelTest {
  private static final Digest SUBJECT = Digest.sha256("s".getBytes(StandardCharsets.UTF_8));

  @Test
  void outcomeWordsAreTheFixtureVerdictWords() {
    Set<String> words =
        Arrays.stream(Outcome.values()).map(Outcome::word).collect(Collectors.toSet());

    assertTrue(
        words.containsAll(
            Set.of(
                "valid",
                "invalid-signature",
                "wrong-subject",
                "untrusted-key",
                "expired-signature",
                "expired-certificate")));
    for (Outcome outcome : Outcome.values()) {
      assertEquals(outcome, Outcome.fromWord(outcome.word()));
    }
    assertThrows(IllegalArgumentException.class, () -> Outcome.fromWord("VALID"));
  }

  @Test
  void oneValidSignatureVerifiesTheSubjectAndTheOthersStayListed() {
    SignatureVerdict bad = verdict("a", Outcome.UNTRUSTED_KEY);
    SignatureVerdict good = verdict("b", Outcome.VALID);
    SignatureVerdict wrong = verdict("c", Outcome.WRONG_SUBJECT);

    SubjectVerdict subject =
        new SubjectVerdict(SUBJECT, SubjectVerdict.Kind.COSIGN, List.of(bad, good, wrong));

    assertTrue(subject.verified());
    assertEquals(Optional.of(good), subject.firstValid());
    assertEquals(List.of(bad, wrong), subject.failures());
  }

  @Test
  void noValidSignatureOrNoSignatureIsNotVerified() {
    assertFalse(
        new SubjectVerdict(
                SUBJECT, SubjectVerdict.Kind.NOTATION, List.of(verdict("a", Outcome.SKIPPED)))
            .verified());
    assertFalse(new SubjectVerdict(SUBJECT, SubjectVerdict.Kind.NOTATION, List.of()).verified());
    assertEquals("signature.notation", SubjectVerdict.Kind.NOTATION.accessoryType());
  }

  private static SignatureVerdict verdict(String name, Outcome outcome) {
    return new SignatureVerdict(
        Digest.sha256(name.getBytes(StandardCharsets.UTF_8)), outcome, null, "because", List.of());
  }
}
