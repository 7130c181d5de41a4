package io.cairn.api.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one authorization decision: may this principal do this action on this project? Pure, so the
 * permission matrix is a table test. Role grants follow Harbor's project RBAC ({@code
 * src/common/rbac/project/rbac_role.go}): repository pull/list for every role, push from developer
 * up, artifact delete for maintainer and admin, member and robot management for the project admin
 * only; members may be listed and read by every role but the limited guest. A public project lets
 * everyone, signed in or not, pull and list its content, never its members ({@code
 * publicProjectPolicies} in Harbor's {@code rbac_util.go} holds no member resource).
 */
public final class Permissions {
  private static final Map<Role, Set<Action>> GRANTS =
      Map.of(
          Role.PROJECT_ADMIN,
          EnumSet.allOf(Action.class),
          Role.MAINTAINER,
          EnumSet.of(
              Action.PULL,
              Action.PUSH,
              Action.DELETE,
              Action.LIST,
              Action.LIST_MEMBERS,
              Action.READ_MEMBER),
          Role.DEVELOPER,
          EnumSet.of(
              Action.PULL, Action.PUSH, Action.LIST, Action.LIST_MEMBERS, Action.READ_MEMBER),
          Role.GUEST,
          EnumSet.of(Action.PULL, Action.LIST, Action.LIST_MEMBERS, Action.READ_MEMBER),
          Role.LIMITED_GUEST,
          EnumSet.of(Action.PULL, Action.LIST));

  private static final Set<Action> PUBLIC = EnumSet.of(Action.PULL, Action.LIST);

  private Permissions() {}

  /** A project as far as authorization cares. */
  public record Project(String name, boolean isPublic) {}

  /** The answer, with the rule that gave it (recorded for every denied request). */
  public record Decision(boolean allowed, String rule) {
    static Decision allow(String rule) {
      return new Decision(true, rule);
    }

    static Decision deny(String rule) {
      return new Decision(false, rule);
    }
  }

  public static Decision decide(Principal who, Project project, Action action, Instant now) {
    if (who instanceof Principal.SystemAdmin) {
      return Decision.allow("system admin");
    }
    if (who instanceof Principal.Robot robot) {
      return robot(robot, project, action, now);
    }
    if (who instanceof Principal.User user) {
      Role role = user.roles().get(project.name());
      if (role != null && GRANTS.get(role).contains(action)) {
        return Decision.allow("role " + role);
      }
      return publicOr(project, action, role == null ? "not a member" : "role " + role);
    }
    return publicOr(project, action, "anonymous");
  }

  private static Decision robot(
      Principal.Robot robot, Project project, Action action, Instant now) {
    if (robot.expiresAt() != null && !now.isBefore(robot.expiresAt())) {
      return Decision.deny("robot expired"); // an expired secret is no credential, not anonymous
    }
    if (!robot.project().equals(project.name())) {
      return publicOr(project, action, "robot of another project");
    }
    return robot.actions().contains(action)
        ? Decision.allow("robot permission " + action)
        : publicOr(project, action, "robot lacks " + action);
  }

  private static Decision publicOr(Project project, Action action, String why) {
    return project.isPublic() && PUBLIC.contains(action)
        ? Decision.allow("public project")
        : Decision.deny(why);
  }
}
