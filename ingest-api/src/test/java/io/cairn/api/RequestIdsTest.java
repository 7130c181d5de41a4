package io.cairn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void aSaneIdIsEchoedAndAnyOtherReplaced() {
    assertEquals("abc-123_x.y", RequestIds.assign("abc-123_x.y"));
    assertEquals("x".repeat(128), RequestIds.assign("x".repeat(128)));
    for (String insane : new String[] {null, "", "x".repeat(129), "a b", "a\tb", "ä", "a\u0000"}) {
      String given = RequestIds.assign(insane);
      assertNotEquals(insane, given);
      assertTrue(RequestIds.isSane(given), given);
    }
    assertFalse(RequestIds.isSane("line\r\nInjected: yes"));
  }

  @Test
  void aFreshIdIsARandomUuid() {
    UUID id = UUID.fromString(RequestIds.assign(null));
    assertEquals(4, id.version());
    assertEquals(2, id.variant());
    assertNotEquals(id.toString(), RequestIds.assign(null));
  }
}
