package io.cairn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.auth.TokenRealm;
import org.junit.jupiter.api.Test;

/** The command line's external URL: the option, the environment, and which one wins. */
class MainTest {
  @Test
  void theOptionSetsANormalizedExternalUrl() {
    CairnConfig config =
        ServeOptions.parse(new String[] {"--external-url", "https://Reg.example.com/"});
    assertEquals("https://reg.example.com", config.externalUrl());
    assertNull(ServeOptions.parse(new String[0]).externalUrl(), "unset: the realm follows Host");
  }

  @Test
  void theEnvironmentIsUsedWhenTheOptionIsNotGiven() {
    CairnConfig none = ServeOptions.parse(new String[0]);
    assertEquals(
        "http://proxy.example:8080",
        Main.withEnvironment(none, "http://proxy.example:8080/").externalUrl());
    assertNull(Main.withEnvironment(none, "").externalUrl(), "an empty variable is unset");
    assertNull(Main.withEnvironment(none, null).externalUrl());
  }

  @Test
  void theOptionWinsOverTheEnvironment() {
    CairnConfig given =
        ServeOptions.parse(new String[] {"--external-url", "https://option.example"});
    assertEquals(
        "https://option.example",
        Main.withEnvironment(given, "https://environment.example").externalUrl());
    assertEquals("https://option.example", Main.withEnvironment(given, "not a url").externalUrl());
  }

  @Test
  void aBadValueIsRefusedEitherWay() {
    assertThrows(
        TokenRealm.InvalidExternalUrl.class,
        () -> ServeOptions.parse(new String[] {"--external-url", "https://reg.example?x=1"}));
    assertThrows(
        TokenRealm.InvalidExternalUrl.class,
        () -> Main.withEnvironment(ServeOptions.parse(new String[0]), "ftp://reg.example"));
  }
}
