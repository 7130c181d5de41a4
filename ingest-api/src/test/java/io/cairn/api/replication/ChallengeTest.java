package io.cairn.api.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The challenges registries send, as the ping reads them. */
class ChallengeTest {

  @Test
  void readsTheDockerTokenChallenge() {
    Challenge c =
        Challenge.parse(
                "Bearer realm=\"https://cairn.example/service/token\",service=\"cairn-registry\","
                    + "scope=\"repository:a/b:pull,push\"")
            .orElseThrow();
    assertTrue(c.isBearer());
    assertEquals(
        Map.of(
            "realm", "https://cairn.example/service/token",
            "service", "cairn-registry",
            "scope", "repository:a/b:pull,push"),
        c.params());
  }

  @Test
  void readsBasicAnyCaseTokensEscapesAndSpaces() {
    assertEquals(
        new Challenge("basic", Map.of("realm", "Registry \"Realm\"")),
        Challenge.parse("BASIC Realm=\"Registry \\\"Realm\\\"\"").orElseThrow());
    assertEquals(
        new Challenge("bearer", Map.of("realm", "http://h/t", "service", "s")),
        Challenge.parse("Bearer realm=http://h/t, service=s").orElseThrow());
    assertEquals(new Challenge("basic", Map.of()), Challenge.parse("Basic").orElseThrow());
  }

  @Test
  void readsOnlyTheFirstOfSeveralChallengesInOneHeader() {
    assertEquals(
        new Challenge("basic", Map.of("realm", "a")),
        Challenge.parse("Basic realm=\"a\", Bearer realm=\"b\"").orElseThrow());
  }

  @Test
  void nothingUsableIsEmpty() {
    assertTrue(Challenge.parse(null).isEmpty());
    assertTrue(Challenge.parse("").isEmpty());
    assertTrue(Challenge.parse("realm=\"x\"").isEmpty());
  }

  @Test
  void prefersBearerOverBasicAcrossHeaders() {
    assertEquals(
        "bearer",
        Challenge.preferred(List.of("Negotiate", "Basic realm=x", "Bearer realm=\"http://t\""))
            .orElseThrow()
            .scheme());
    assertEquals(
        "basic", Challenge.preferred(List.of("Negotiate", "Basic realm=x")).orElseThrow().scheme());
    assertTrue(Challenge.preferred(List.of("Negotiate")).isEmpty());
  }
}
