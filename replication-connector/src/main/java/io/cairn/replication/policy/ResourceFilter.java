package io.cairn.replication.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which subjects a replication policy selects, and which of their tags go along: Harbor's filters
 * {@code name} (the whole repository name, project included), {@code tag}, {@code label} and {@code
 * resource}, each {@code matches} or {@code excludes}, all of which must hold. Filters select
 * subjects only: an accessory travels with the subject it belongs to, and a tag filter reaches an
 * accessory through its subject's tags, so a filter never splits a signature from what it signs.
 *
 * <p>A subject is selected when its repository passes the name filters and at least one of its tags
 * passes the tag filters; an untagged subject is selected when no tag filter asks for a match. Only
 * the tags that pass are set at the target. Cairn has no labels: a {@code matches} label filter
 * selects nothing and an {@code excludes} one excludes nothing, as in a Harbor without those
 * labels.
 */
public final class ResourceFilter {
  /** Selects everything. */
  public static final ResourceFilter ALL = new ResourceFilter(List.of());

  /** One of Harbor's filters. */
  public record Rule(Kind kind, String value, List<String> labels, boolean excludes) {}

  public enum Kind {
    NAME,
    TAG,
    LABEL,
    RESOURCE
  }

  /** What a policy selects of one subject: nothing, or the subject with these tags. */
  public record Selection(boolean selected, List<String> tags) {
    static final Selection NONE = new Selection(false, List.of());
  }

  private record Compiled(Kind kind, Doublestar glob, Rule rule) {}

  private final List<Compiled> rules;

  private ResourceFilter(List<Compiled> rules) {
    this.rules = rules;
  }

  /**
   * @throws IllegalArgumentException naming the bad filter (a malformed pattern, a resource other
   *     than {@code image} or {@code artifact})
   */
  public static ResourceFilter of(List<Rule> rules) {
    List<Compiled> compiled = new ArrayList<>();
    for (Rule rule : rules) {
      switch (rule.kind()) {
        case NAME, TAG -> {
          if (rule.value() == null || rule.value().isEmpty()) {
            continue; // Harbor's UI sends empty filters for "any"
          }
          compiled.add(new Compiled(rule.kind(), Doublestar.compile(rule.value()), rule));
        }
        case RESOURCE -> {
          if (rule.value() != null
              && !rule.value().isEmpty()
              && !Set.of("image", "artifact").contains(rule.value())) {
            throw new IllegalArgumentException(
                "resource filter must be image or artifact, not " + rule.value());
          }
          compiled.add(new Compiled(rule.kind(), null, rule));
        }
        case LABEL -> compiled.add(new Compiled(rule.kind(), null, rule));
      }
    }
    return new ResourceFilter(List.copyOf(compiled));
  }

  /** Whether any subject of {@code repository} can be selected: lets a caller skip early. */
  public boolean mayMatch(String repository) {
    for (Compiled c : rules) {
      if (c.kind() == Kind.NAME && c.glob().matches(repository) == c.rule().excludes()) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param image whether the subject is a container image (or an index of images), for the {@code
   *     resource} filter
   */
  public Selection select(String repository, List<String> tags, boolean image) {
    if (!mayMatch(repository)) {
      return Selection.NONE;
    }
    boolean tagFilter = false;
    boolean mustMatchTag = false;
    List<String> kept = new ArrayList<>(tags);
    for (Compiled c : rules) {
      switch (c.kind()) {
        case TAG -> {
          tagFilter = true;
          mustMatchTag |= !c.rule().excludes();
          kept.removeIf(tag -> c.glob().matches(tag) == c.rule().excludes());
        }
        case RESOURCE -> {
          boolean imagesOnly = "image".equals(c.rule().value());
          if (imagesOnly && image == c.rule().excludes()) {
            return Selection.NONE;
          }
        }
        case LABEL -> {
          boolean asks = c.rule().labels() != null && !c.rule().labels().isEmpty();
          if (asks && !c.rule().excludes()) {
            return Selection.NONE; // no subject carries a label here
          }
        }
        case NAME -> {}
      }
    }
    if (tags.isEmpty()) {
      return mustMatchTag ? Selection.NONE : new Selection(true, List.of());
    }
    if (tagFilter && kept.isEmpty()) {
      return Selection.NONE;
    }
    return new Selection(true, List.copyOf(kept));
  }
}
