package io.cairn.ops.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.projection.ReplicationPolicyEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduledFiringsTest {
  /** Every full hour. */
  static final String HOURLY = "0 0 * * * *";

  static final Instant T0 = Instant.parse("2025-03-01T10:30:00Z");

  static ReplicationPolicyEntry policy(long id, String trigger, String cron, boolean enabled) {
    return new ReplicationPolicyEntry(
        id, "p" + id, "", 7, 0, "", -1, trigger, cron, "[]", false, true, enabled, -1, false, 1, 1,
        false);
  }

  @Test
  void aScheduledPolicyFiresOnceForEachFiringAfterItWasFirstSeen() {
    ScheduledFirings firings = new ScheduledFirings();
    ReplicationPolicyEntry p = policy(1, "scheduled", HOURLY, true);

    assertFalse(firings.fired(p, T0), "seen first: nothing before is made up");
    assertFalse(firings.fired(p, T0.plusSeconds(60)));
    assertTrue(firings.fired(p, Instant.parse("2025-03-01T11:00:00Z")), "at 11:00");
    assertFalse(firings.fired(p, Instant.parse("2025-03-01T11:00:01Z")), "once");
    assertTrue(firings.fired(p, Instant.parse("2025-03-01T13:05:00Z")), "missed ticks: once");
    assertFalse(firings.fired(p, Instant.parse("2025-03-01T13:06:00Z")));
  }

  @Test
  void disabledAndUnscheduledPoliciesNeverFire() {
    ScheduledFirings firings = new ScheduledFirings();
    for (ReplicationPolicyEntry p :
        new ReplicationPolicyEntry[] {
          policy(1, "scheduled", HOURLY, false),
          policy(2, "manual", HOURLY, true),
          policy(3, "event_based", null, true)
        }) {
      assertFalse(firings.fired(p, T0));
      assertFalse(firings.fired(p, T0.plusSeconds(7200)), p::toString);
    }
  }

  @Test
  void aCronIsParsedOncePerTextAndAChangedOneTakesEffect() {
    ScheduledFirings firings = new ScheduledFirings();
    ReplicationPolicyEntry hourly = policy(1, "scheduled", HOURLY, true);
    assertSame(firings.cron(hourly), firings.cron(hourly));
    assertSame(firings.cron(hourly), firings.cron(policy(1, "scheduled", " " + HOURLY, true)));

    ReplicationPolicyEntry everyMinute = policy(1, "scheduled", "0 * * * * *", true);
    assertNotSame(firings.cron(hourly), firings.cron(everyMinute));
    assertEquals("0 * * * * *", firings.cron(everyMinute).text());
    assertFalse(firings.fired(everyMinute, T0));
    assertTrue(firings.fired(everyMinute, T0.plusSeconds(60)), "the new cron, not the hourly");
  }

  @Test
  void aCronThatDoesNotParseFailsEveryLook() {
    ScheduledFirings firings = new ScheduledFirings();
    ReplicationPolicyEntry bad = policy(1, "scheduled", "* * * * * *", true);
    assertThrows(IllegalArgumentException.class, () -> firings.fired(bad, T0));
    assertThrows(IllegalArgumentException.class, () -> firings.fired(bad, T0.plusSeconds(1)));
  }
}
