package io.cairn.api.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of a Docker token's {@code access} claim, or of the {@code scope} asked for: {@code
 * repository:library/app:pull,push}, {@code registry:catalog:*}. Unknown resource types and actions
 * are kept as asked and simply never granted.
 */
public record TokenAccess(String type, String name, Set<String> actions) {
  public TokenAccess {
    actions = Set.copyOf(actions);
  }

  /**
   * Parses one {@code scope} value, which may hold several space-separated scopes. Names may hold a
   * colon (a registry host with a port), so the type ends at the first colon and the actions start
   * after the last. A type like {@code repository(plugin)} is the repository type.
   */
  public static List<TokenAccess> parseScope(String scope) {
    List<TokenAccess> out = new ArrayList<>();
    if (scope == null) {
      return out;
    }
    for (String one : scope.trim().split("\\s+")) {
      int first = one.indexOf(':');
      int last = one.lastIndexOf(':');
      if (first <= 0 || last == first || last == one.length() - 1) {
        throw new IllegalArgumentException(
            "scope " + one + " is not type:name:actions (e.g. repository:library/app:pull)");
      }
      String type = one.substring(0, first);
      int paren = type.indexOf('(');
      if (paren > 0) {
        type = type.substring(0, paren);
      }
      Set<String> actions = new LinkedHashSet<>(List.of(one.substring(last + 1).split(",")));
      actions.remove("");
      out.add(new TokenAccess(type, one.substring(first + 1, last), actions));
    }
    return out;
  }

  /** The Docker action word for an action on a repository, as tokens carry it. */
  static String word(Action action) {
    return switch (action) {
      case PULL -> "pull";
      case PUSH -> "push";
      case DELETE -> "delete";
      case LIST -> "pull"; // seeing a repository's content is pulling it, for token purposes
      case MANAGE, LIST_MEMBERS, READ_MEMBER -> "*"; // project actions: never in a token
    };
  }
}
