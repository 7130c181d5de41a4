package io.cairn.api.artifacts;

import io.cairn.oci.OciErrorCode;
import io.cairn.projection.AccessoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Harbor's {@code q} for accessories: comma-separated {@code key=value} terms that must all hold,
 * where the value is exact or an or-list {@code {a b}}; keys {@code type} and {@code digest}.
 */
final class AccessoryQuery {
  private AccessoryQuery() {}

  static Predicate<AccessoryEntry> parse(String q) {
    if (q == null || q.isBlank()) {
      return a -> true;
    }
    List<Predicate<AccessoryEntry>> terms = new ArrayList<>();
    for (String term : q.split(",")) {
      int eq = term.indexOf('=');
      if (eq <= 0 || eq == term.length() - 1) {
        throw invalid(q, "each term is key=value");
      }
      String key = term.substring(0, eq).trim();
      Set<String> values = values(q, term.substring(eq + 1).trim());
      terms.add(
          switch (key) {
            case "type" -> a -> values.contains(a.type());
            case "digest" -> a -> values.contains(a.digest());
            default -> throw invalid(q, "unknown key '" + key + "'; use type or digest");
          });
    }
    return a -> terms.stream().allMatch(t -> t.test(a));
  }

  private static Set<String> values(String q, String value) {
    if (value.startsWith("{") && value.endsWith("}")) {
      Set<String> any = Set.of(value.substring(1, value.length() - 1).trim().split("\\s+"));
      if (any.contains("")) {
        throw invalid(q, "an empty {} list");
      }
      return any;
    }
    if (value.startsWith("~") || value.startsWith("[") || value.startsWith("(")) {
      throw invalid(q, "only exact values and {a b} lists are supported");
    }
    return Set.of(value);
  }

  private static RuntimeException invalid(String q, String why) {
    return OciErrorCode.BAD_REQUEST.exception("invalid q '" + q + "': " + why);
  }
}
