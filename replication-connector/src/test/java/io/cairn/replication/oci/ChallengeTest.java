package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeTest {
  @Test
  void bearerWithQuotedScopeHoldingCommas() {
    List<Challenge> all =
        Challenge.parseAll(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:library/app:pull,push\"");
    assertEquals(
        List.of(
            new Challenge(
                "bearer",
                Map.of(
                    "realm", "https://auth.example/token",
                    "service", "registry.example",
                    "scope", "repository:library/app:pull,push"))),
        all);
  }

  @Test
  void schemeAndParameterNamesAreCaseInsensitive() {
    Challenge c = Challenge.find("BEARER Realm=\"r\", SERVICE=s", "bearer").orElseThrow();
    assertEquals(Map.of("realm", "r", "service", "s"), c.params());
  }

  @Test
  void unquotedValuesAndBlanksAroundEquals() {
    Challenge c =
        Challenge.find("Bearer realm = https://a:5001/token , service=reg", "Bearer").orElseThrow();
    assertEquals("https://a:5001/token", c.param("realm").orElseThrow());
    assertEquals("reg", c.param("service").orElseThrow());
  }

  @Test
  void escapedQuoteInsideAValue() {
    Challenge c = Challenge.find("Basic realm=\"say \\\"hi\\\"\"", "basic").orElseThrow();
    assertEquals("say \"hi\"", c.param("realm").orElseThrow());
  }

  @Test
  void severalChallengesInOneHeader() {
    List<Challenge> all =
        Challenge.parseAll(
            "Basic realm=\"Registry Realm\", Bearer realm=\"https://t\",error=\"insufficient_scope\"");
    assertEquals(2, all.size());
    assertEquals("basic", all.get(0).scheme());
    assertEquals("Registry Realm", all.get(0).param("realm").orElseThrow());
    assertEquals("insufficient_scope", all.get(1).param("error").orElseThrow());
  }

  @Test
  void schemeWithoutParameters() {
    assertEquals(List.of(new Challenge("negotiate", Map.of())), Challenge.parseAll("Negotiate"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "realm=\"x\"", // parameters before any scheme
        "Bearer realm=\"unterminated",
        "Bearer realm=",
        "Bearer (realm)=x",
      })
  void garbageYieldsNoChallenge(String header) {
    assertTrue(Challenge.parseAll(header).isEmpty(), () -> "parsed: " + Challenge.parseAll(header));
  }
}
