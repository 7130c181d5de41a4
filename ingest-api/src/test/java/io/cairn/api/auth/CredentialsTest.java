package io.cairn.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
  @Test
  void basicCredentialsAreReadAndTheirSecretIsNeverPrinted() {
    String header =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("alice:Pw-alice-1234".getBytes(StandardCharsets.UTF_8));
    Credentials.Basic basic = assertInstanceOf(Credentials.Basic.class, Credentials.parse(header));
    assertEquals("alice", basic.name());
    assertEquals("Pw-alice-1234", basic.secret());
    assertFalse(basic.toString().contains("Pw-alice-1234"), basic.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Sup3r-S3cret-Token-Without-Scheme", "Token Sup3r-S3cret", "Sup3r-S3cret x"})
  void anUnsupportedHeaderIsNotEchoedInTheAnswer(String header) {
    Credentials.Malformed malformed =
        assertInstanceOf(Credentials.Malformed.class, Credentials.parse(header));
    assertFalse(malformed.why().contains("S3cret"), malformed.why());
  }

  @Test
  void aBearerTokenIsNeverPrinted() {
    Credentials parsed = Credentials.parse("Bearer eyJhbGciOiJFZERTQSJ9.e30.c2ln");
    assertFalse(parsed.toString().contains("eyJ"), parsed.toString());
  }
}
