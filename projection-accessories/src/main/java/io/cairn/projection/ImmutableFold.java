package io.cairn.projection;

import io.cairn.events.ImmutableRuleDeleted;
import io.cairn.events.ImmutableRuleSet;
import io.cairn.events.RegistryEvent;
import java.util.List;
import java.util.Optional;

/**
 * The immutable tag rules of each project ({@link Store#IMMUTABLE_RULES}): a rule by its id, and
 * the highest id the project ever gave, so a deleted rule's id is not given again.
 */
final class ImmutableFold {
  static final String RULE = "rule";
  static final String HIGHEST = "highest";

  private ImmutableFold() {}

  /** The key of rule {@code id} of {@code project}: ids sort as numbers. */
  static String ruleKey(String project, long id) {
    return Store.key(project, RULE, String.format("%019d", id));
  }

  static Optional<List<Change>> evolve(StateLookup state, RegistryEvent event) {
    Object payload = event.getPayload();
    String project = event.getProject();
    long at = event.getOccurredAt().toEpochMilli();
    if (payload instanceof ImmutableRuleSet p) {
      String key = ruleKey(project, p.getRuleId());
      ImmutableRuleEntry old =
          EntryCodec.decode(state.get(Store.IMMUTABLE_RULES, key), ImmutableRuleEntry.class);
      ImmutableRuleEntry entry =
          new ImmutableRuleEntry(
              p.getRuleId(),
              p.getPriority(),
              p.getDisabled(),
              p.getTagSelectors(),
              p.getRepositorySelectors(),
              old == null ? at : old.createdAt(),
              at);
      String highestKey = Store.key(project, HIGHEST);
      String highest = state.get(Store.IMMUTABLE_RULES, highestKey);
      long next = Math.max(p.getRuleId(), highest == null ? 0 : Long.parseLong(highest));
      return Optional.of(
          List.of(
              new Change.Put(Store.IMMUTABLE_RULES, key, EntryCodec.encode(entry)),
              new Change.Put(Store.IMMUTABLE_RULES, highestKey, Long.toString(next))));
    } else if (payload instanceof ImmutableRuleDeleted p) {
      return Optional.of(
          List.of(new Change.Delete(Store.IMMUTABLE_RULES, ruleKey(project, p.getRuleId()))));
    }
    return Optional.empty();
  }
}
