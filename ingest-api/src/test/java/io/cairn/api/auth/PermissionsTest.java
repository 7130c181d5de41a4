package io.cairn.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix, as Harbor's project RBAC has it: a row per principal and project
 * visibility, a column per action; {@code Y} allowed, {@code -} denied.
 */
class PermissionsTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /**
   * principal | visibility | pull push delete list manage list-members read-member. The member
   * columns are Harbor's {@code member} resource: every role but the limited guest, robots given
   * {@code member:list} / {@code member:read}, and never anyone for a project being public.
   */
  static final String MATRIX =
      """
      project admin     | private | Y Y Y Y Y Y Y
      project admin     | public  | Y Y Y Y Y Y Y
      maintainer        | private | Y Y Y Y - Y Y
      maintainer        | public  | Y Y Y Y - Y Y
      developer         | private | Y Y - Y - Y Y
      developer         | public  | Y Y - Y - Y Y
      guest             | private | Y - - Y - Y Y
      guest             | public  | Y - - Y - Y Y
      limited guest     | private | Y - - Y - - -
      limited guest     | public  | Y - - Y - - -
      robot pull+push   | private | Y Y - - - - -
      robot pull+push   | public  | Y Y - Y - - -
      robot member:list | private | - - - - - Y -
      robot member:list | public  | Y - - Y - Y -
      robot member:read | private | - - - - - - Y
      robot member:read | public  | Y - - Y - - Y
      anonymous         | private | - - - - - - -
      anonymous         | public  | Y - - Y - - -
      non-member user   | private | - - - - - - -
      non-member user   | public  | Y - - Y - - -
      other robot       | private | - - - - - - -
      other robot       | public  | Y - - Y - - -
      expired robot     | private | - - - - - - -
      expired robot     | public  | - - - - - - -
      system admin      | private | Y Y Y Y Y Y Y
      system admin      | public  | Y Y Y Y Y Y Y
      """;

  static final Map<String, Principal> PRINCIPALS =
      Map.ofEntries(
          Map.entry("project admin", member(Role.PROJECT_ADMIN)),
          Map.entry("maintainer", member(Role.MAINTAINER)),
          Map.entry("developer", member(Role.DEVELOPER)),
          Map.entry("guest", member(Role.GUEST)),
          Map.entry("limited guest", member(Role.LIMITED_GUEST)),
          Map.entry("robot pull+push", robot("team", null)),
          Map.entry(
              "robot member:list",
              robot("team", RobotPermissions.actions(List.of("member:list")), null)),
          Map.entry(
              "robot member:read",
              robot("team", RobotPermissions.actions(List.of("member:read")), null)),
          Map.entry("anonymous", new Principal.Anonymous()),
          Map.entry(
              "non-member user", new Principal.User("bob", Map.of("other", Role.PROJECT_ADMIN))),
          Map.entry("other robot", robot("other", null)),
          Map.entry("expired robot", robot("team", NOW)),
          Map.entry("system admin", new Principal.SystemAdmin("admin")));

  static Stream<Arguments> cells() {
    return MATRIX
        .lines()
        .flatMap(
            line -> {
              String[] cell = line.split("\\s*\\|\\s*");
              String who = cell[0].strip();
              boolean isPublic = cell[1].strip().equals("public");
              String[] marks = cell[2].strip().split("\\s+");
              assertEquals(Action.values().length, marks.length, line);
              return Stream.of(Action.values())
                  .map(
                      action ->
                          Arguments.of(
                              Named.of(who, PRINCIPALS.get(who)),
                              isPublic,
                              action,
                              marks[action.ordinal()].equals("Y")));
            });
  }

  @ParameterizedTest(name = "{0} on a {1}-public project: {2} -> {3}")
  @MethodSource("cells")
  void theMatrix(Principal who, boolean isPublic, Action action, boolean allowed) {
    Permissions.Decision decision =
        Permissions.decide(who, new Permissions.Project("team", isPublic), action, NOW);
    assertEquals(allowed, decision.allowed(), decision.rule());
  }

  @Test
  void everyPrincipalOfTheTableIsExercised() {
    Set<String> rows =
        MATRIX
            .lines()
            .map(l -> l.split("\\|")[0].strip())
            .collect(java.util.stream.Collectors.toSet());
    assertEquals(PRINCIPALS.keySet(), rows);
  }

  @Test
  void aDenialSaysWhichRuleDenied() {
    assertEquals(
        "role DEVELOPER",
        Permissions.decide(
                member(Role.DEVELOPER), new Permissions.Project("team", false), Action.DELETE, NOW)
            .rule());
    assertEquals(
        "robot expired",
        Permissions.decide(
                robot("team", NOW), new Permissions.Project("team", true), Action.PULL, NOW)
            .rule());
  }

  @Test
  void harborRoleIdsRoundTrip() {
    for (Role role : Role.values()) {
      assertEquals(role, Role.byHarborId(role.harborId()).orElseThrow());
    }
    assertEquals(Role.MAINTAINER, Role.byHarborId(4).orElseThrow());
  }

  private static Principal member(Role role) {
    return new Principal.User("alice", Map.of("team", role));
  }

  private static Principal robot(String project, Instant expiresAt) {
    return robot(project, EnumSet.of(Action.PULL, Action.PUSH), expiresAt);
  }

  private static Principal robot(String project, Set<Action> actions, Instant expiresAt) {
    return new Principal.Robot("robot$" + project + "+ci", project, actions, expiresAt);
  }
}
