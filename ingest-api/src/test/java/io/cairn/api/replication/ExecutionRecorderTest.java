package io.cairn.api.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A task's log is bounded to 8 KiB of UTF-8 before it is written: its end kept, marked cut. */
class ExecutionRecorderTest {
  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void aLogWithinTheLimitIsKeptAsItIs() {
    assertNull(ExecutionRecorder.bounded(null));
    assertEquals("", ExecutionRecorder.bounded(""));
    String exact = "a".repeat(ExecutionRecorder.LOG_LIMIT);
    assertEquals(exact, ExecutionRecorder.bounded(exact));
    String multiByte = "€".repeat(ExecutionRecorder.LOG_LIMIT / 3);
    assertEquals(multiByte, ExecutionRecorder.bounded(multiByte));
  }

  @Test
  void aLongerLogKeepsItsEndAfterAMarker() {
    String log = "a".repeat(ExecutionRecorder.LOG_LIMIT) + "the end\n";
    String bounded = ExecutionRecorder.bounded(log);
    assertTrue(bytes(bounded) <= ExecutionRecorder.LOG_LIMIT, () -> "" + bytes(bounded));
    assertTrue(bounded.startsWith("[log cut to its end: 8200 bytes in all]\n"), bounded);
    assertTrue(bounded.endsWith("aaathe end\n"));
    assertEquals(ExecutionRecorder.LOG_LIMIT, bytes(bounded), "as much as fits");
  }

  @Test
  void theCutNeverSplitsACharacter() {
    // Every offset into a run of 2-, 3- and 4-byte characters: the cut lands on each byte of one.
    for (String character : new String[] {"é", "€", "𝄞"}) {
      for (int pad = 0; pad < 4; pad++) {
        String log = character.repeat(5000) + "x".repeat(pad);
        String bounded = ExecutionRecorder.bounded(log);
        assertTrue(bytes(bounded) <= ExecutionRecorder.LOG_LIMIT);
        String body = bounded.substring(bounded.indexOf('\n') + 1);
        assertEquals(
            body, new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertTrue(body.startsWith(character), "whole characters only: " + character + pad);
        assertTrue(body.endsWith(character + "x".repeat(pad)));
        assertTrue(ExecutionRecorder.LOG_LIMIT - bytes(bounded) < 4, "no more lost than needed");
      }
    }
  }
}
