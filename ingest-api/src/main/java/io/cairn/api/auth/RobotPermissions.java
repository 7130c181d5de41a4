package io.cairn.api.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Harbor robot permissions ({@code {"resource":"repository","action":"pull"}}, kept as {@code
 * resource:action}) in Cairn's actions. Harbor has finer resources than Cairn decides on; each maps
 * to the coarse action it needs, and one Cairn does not know grants nothing.
 */
public final class RobotPermissions {
  private RobotPermissions() {}

  public static Set<Action> actions(List<String> permissions) {
    Set<Action> out = EnumSet.noneOf(Action.class);
    for (String p : permissions) {
      switch (p) {
        case "repository:pull", "artifact:read", "tag:read", "accessory:read" -> {
          out.add(Action.PULL);
          out.add(Action.LIST);
        }
        case "repository:list", "artifact:list", "tag:list", "accessory:list" ->
            out.add(Action.LIST);
        case "repository:push", "tag:create", "artifact:create" -> out.add(Action.PUSH);
        case "repository:delete", "artifact:delete", "tag:delete" -> out.add(Action.DELETE);
        case "member:list" -> out.add(Action.LIST_MEMBERS);
        case "member:read" -> out.add(Action.READ_MEMBER);
        default -> {} // unknown to Cairn: grants nothing
      }
    }
    return out;
  }

  /** Whether Cairn knows what {@code resource:action} grants. */
  public static boolean known(String permission) {
    return !actions(List.of(permission)).isEmpty();
  }
}
