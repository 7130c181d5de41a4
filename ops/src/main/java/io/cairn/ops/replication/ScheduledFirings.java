package io.cairn.ops.replication;

import io.cairn.api.replication.Cron;
import io.cairn.projection.ReplicationPolicyEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a scheduled policy's cron fired since this instance last looked at it. A policy looked at
 * for the first time starts from then: firings missed while this instance was down are not made up
 * (as cron and Harbor do). Each policy's cron is parsed once per text it has, not at every look.
 * Not thread-safe: one timer asks.
 */
final class ScheduledFirings {
  private final Map<Long, Instant> lastLook = new HashMap<>();
  private final Map<Long, Cron> crons = new HashMap<>();

  /** True if {@code policy} is enabled, scheduled, and its cron fired after the last look. */
  boolean fired(ReplicationPolicyEntry policy, Instant now) {
    if (!policy.enabled() || !"scheduled".equals(policy.triggerType())) {
      return false;
    }
    Instant since = lastLook.getOrDefault(policy.policyId(), now);
    lastLook.put(policy.policyId(), now);
    Optional<Instant> next = cron(policy).next(since);
    return next.isPresent() && !next.get().isAfter(now);
  }

  /** The policy's cron, parsed again only when an update changed its text. */
  Cron cron(ReplicationPolicyEntry policy) {
    Cron cron = crons.get(policy.policyId());
    if (cron == null || policy.cron() == null || !cron.text().equals(policy.cron().strip())) {
      cron = Cron.parse(policy.cron());
      crons.put(policy.policyId(), cron);
    }
    return cron;
  }
}
