package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryExceptionTest {
  @ParameterizedTest(name = "{0} credentialsTried={1} → permanent={2}")
  @CsvSource({
    "400, false, true",
    "403, false, true",
    "404, true, true",
    "405, false, true",
    "413, false, true",
    "401, true, true",
    "401, false, false",
    "408, true, false",
    "429, true, false",
    "500, true, false",
    "502, false, false",
    "503, true, false",
  })
  void permanentOnlyWhenARetryCannotHelp(int status, boolean credentialsTried, boolean permanent) {
    RegistryException e =
        RegistryException.fromResponse("x", status, new byte[0], credentialsTried);
    assertEquals(permanent, e.permanent());
    assertEquals(status, e.status());
  }

  @Test
  void codeAndMessageComeFromTheOciErrorBody() {
    byte[] body =
        "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":\"sha256:ab\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    RegistryException e = RegistryException.fromResponse("PUT manifest a/b:1", 400, body, false);
    assertEquals("MANIFEST_BLOB_UNKNOWN", e.code());
    assertTrue(e.getMessage().contains("blob unknown to registry"), e.getMessage());
    assertTrue(e.getMessage().contains("sha256:ab"), e.getMessage());
  }

  @Test
  void aPlainTextBodyIsShownWithoutACode() {
    RegistryException e =
        RegistryException.fromResponse(
            "GET", 502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8), false);
    assertNull(e.code());
    assertTrue(e.getMessage().contains("Bad Gateway"));
    assertFalse(e.permanent());
  }
}
