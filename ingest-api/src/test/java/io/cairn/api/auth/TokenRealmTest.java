package io.cairn.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The external URL the token realm is built from: what is accepted, and how it is normalized. */
class TokenRealmTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://registry.example.com, https://registry.example.com",
    "https://registry.example.com/, https://registry.example.com",
    "https://registry.example.com//, https://registry.example.com",
    "http://127.0.0.1:5000, http://127.0.0.1:5000",
    "HTTPS://Registry.Example.COM:8443/, https://registry.example.com:8443",
    "https://example.com/registry/, https://example.com/registry",
    "http://[::1]:5000/, http://[::1]:5000",
    "'  https://padded.example  ', https://padded.example",
  })
  void acceptsAndNormalizes(String given, String normalized) {
    assertEquals(normalized, TokenRealm.externalUrl(given));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "",
        "registry.example.com",
        "ftp://registry.example.com",
        "file:///etc/passwd",
        "https://",
        "https:///path",
        "https://registry.example.com?x=1",
        "https://registry.example.com/#top",
        "https://user:secret@registry.example.com",
        "https://registry.example.com:0",
        "https://registry.example.com:70000",
        "https://bad host.example",
        "https://under_score.example",
        "javascript:alert(1)",
        "https://a.example/\nInjected: header",
      })
  void refusesWithOneLineSayingWhy(String given) {
    TokenRealm.InvalidExternalUrl e =
        assertThrows(TokenRealm.InvalidExternalUrl.class, () -> TokenRealm.externalUrl(given));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith("external URL '"), e.getMessage());
  }
}
