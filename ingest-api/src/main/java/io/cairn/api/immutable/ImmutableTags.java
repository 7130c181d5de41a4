package io.cairn.api.immutable;

import io.cairn.projection.ImmutableRuleEntry;
import io.cairn.replication.policy.Doublestar;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tags a project's enabled immutable tag rules protect, as Harbor decides it: a rule protects
 * a tag when every one of its repository selectors and every one of its tag selectors agrees
 * ({@code repoMatches}/{@code matches}: the doublestar pattern matches; {@code repoExcludes}/{@code
 * excludes}: it does not), repository patterns applying to the name without the project. Pure.
 */
public final class ImmutableTags {
  private final List<Rule> rules;

  /** One selector: a compiled pattern, and whether a match selects ({@code false}: excludes). */
  record Selector(Doublestar pattern, boolean selects) {
    boolean passes(String text) {
      return pattern.matches(text) == selects;
    }
  }

  record Rule(List<Selector> repositories, List<Selector> tags) {}

  private ImmutableTags(List<Rule> rules) {
    this.rules = rules;
  }

  /** The enabled ones of {@code entries} (stored rules were validated when written). */
  public static ImmutableTags of(List<ImmutableRuleEntry> entries) {
    List<Rule> rules = new ArrayList<>();
    for (ImmutableRuleEntry entry : entries) {
      if (!entry.disabled()) {
        rules.add(
            new Rule(
                selectors(new JsonArray(entry.repositorySelectors())),
                selectors(new JsonArray(entry.tagSelectors()))));
      }
    }
    return new ImmutableTags(rules);
  }

  /** Whether {@code tag} of {@code repository} ({@code project/name}) is immutable. */
  public boolean protects(String repository, String tag) {
    String name = repository.substring(repository.indexOf('/') + 1);
    for (Rule rule : rules) {
      if (rule.repositories().stream().allMatch(s -> s.passes(name))
          && rule.tags().stream().allMatch(s -> s.passes(tag))) {
        return true;
      }
    }
    return false;
  }

  /** Harbor's selectors, already validated ({@link ImmutableRuleDraft}). */
  static List<Selector> selectors(JsonArray json) {
    List<Selector> out = new ArrayList<>();
    for (Object o : json) {
      JsonObject selector = (JsonObject) o;
      String decoration = selector.getString("decoration");
      out.add(
          new Selector(
              Doublestar.compile(selector.getString("pattern")),
              "matches".equals(decoration) || "repoMatches".equals(decoration)));
    }
    return out;
  }
}
