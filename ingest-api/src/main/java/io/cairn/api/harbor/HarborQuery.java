package io.cairn.api.harbor;

import io.cairn.oci.OciErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Harbor's {@code q} list filter: comma-separated {@code key=value} terms that must all hold. A
 * value is exact ({@code type=IMAGE}), fuzzy ({@code tags=~rc}, a substring) or an or-list ({@code
 * type={IMAGE CHART}}). A multi-valued key (tags) holds when any of its values match. Ranges and
 * and-lists are refused with 400 rather than ignored.
 */
public final class HarborQuery {
  private HarborQuery() {}

  /**
   * A predicate over items whose searchable values {@code keys} gives by key name; {@code q} null
   * or blank accepts everything.
   */
  public static <T> Predicate<T> parse(
      String q, Map<String, Function<T, Collection<String>>> keys) {
    if (q == null || q.isBlank()) {
      return item -> true;
    }
    List<Predicate<T>> terms = new ArrayList<>();
    for (String term : q.split(",")) {
      int eq = term.indexOf('=');
      if (eq <= 0 || eq == term.length() - 1) {
        throw invalid(q, "each term is key=value");
      }
      String key = term.substring(0, eq).trim();
      Function<T, Collection<String>> values = keys.get(key);
      if (values == null) {
        throw invalid(q, "unknown key '" + key + "'; known: " + String.join(", ", keys.keySet()));
      }
      Predicate<String> test = value(q, term.substring(eq + 1).trim());
      terms.add(item -> values.apply(item).stream().anyMatch(test));
    }
    return item -> terms.stream().allMatch(t -> t.test(item));
  }

  private static Predicate<String> value(String q, String value) {
    if (value.startsWith("{") && value.endsWith("}")) {
      Set<String> any = Set.of(value.substring(1, value.length() - 1).trim().split("\\s+"));
      if (any.contains("")) {
        throw invalid(q, "an empty {} list");
      }
      return any::contains;
    }
    if (value.startsWith("~")) {
      String part = value.substring(1);
      if (part.isEmpty()) {
        throw invalid(q, "~ needs a value");
      }
      return candidate -> candidate != null && candidate.contains(part);
    }
    if (value.startsWith("[") || value.startsWith("(")) {
      throw invalid(q, "ranges and and-lists are not supported; use exact, ~fuzzy or {a b}");
    }
    return value::equals;
  }

  private static RuntimeException invalid(String q, String why) {
    return OciErrorCode.BAD_REQUEST.exception("invalid q '" + q + "': " + why);
  }
}
