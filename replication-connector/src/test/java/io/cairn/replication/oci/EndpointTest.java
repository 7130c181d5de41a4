package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void toStringNeverShowsTheSecret() {
    Endpoint e =
        new Endpoint(URI.create("https://r.example"), "robot$p+r", "hunter2-very-secret", false);
    assertFalse(e.toString().contains("hunter2"), e.toString());
    assertTrue(e.toString().contains("robot$p+r"));
  }

  @Test
  void credentialsNeedBothParts() {
    assertFalse(Endpoint.anonymous(URI.create("http://h")).hasCredentials());
    assertFalse(new Endpoint(URI.create("http://h"), "u", null, false).hasCredentials());
    assertTrue(new Endpoint(URI.create("http://h"), "u", "", false).hasCredentials());
  }

  @Test
  void relativeOrNonHttpUrlsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Endpoint.anonymous(URI.create("registry:5000")));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.anonymous(URI.create("/v2/")));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.anonymous(URI.create("ftp://h/")));
    assertThrows(IllegalArgumentException.class, () -> new Endpoint(null, null, null, false));
  }
}
