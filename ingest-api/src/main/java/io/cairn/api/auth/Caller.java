package io.cairn.api.auth;

import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.projection.IdentityView;
import io.cairn.projection.RobotEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Whoever sent a request, once their credentials checked out (or nobody): the actor events record,
 * and their {@link Principal} in any project, read from the current identity state so a changed
 * role or a deleted robot counts at once. {@link #token()} is set when they came with a bearer
 * token, which limits them further to the token's grants.
 */
public final class Caller {
  private static final Caller ANONYMOUS =
      new Caller(new Actor(ActorKind.ANONYMOUS, "anonymous"), null, false, null, null, 0);

  private final Actor actor;
  private final IdentityView identity;
  private final boolean sysadmin;
  private final RobotEntry robot;
  private final TokenService.Claims token;
  private final int userId;

  private Caller(
      Actor actor,
      IdentityView identity,
      boolean sysadmin,
      RobotEntry robot,
      TokenService.Claims token,
      int userId) {
    this.actor = actor;
    this.identity = identity;
    this.sysadmin = sysadmin;
    this.robot = robot;
    this.token = token;
    this.userId = userId;
  }

  public static Caller anonymous() {
    return ANONYMOUS;
  }

  static Caller user(int userId, String name, boolean sysadmin, IdentityView identity) {
    return new Caller(new Actor(ActorKind.USER, name), identity, sysadmin, null, null, userId);
  }

  static Caller robot(RobotEntry robot) {
    return new Caller(new Actor(ActorKind.ROBOT, robot.name()), null, false, robot, null, 0);
  }

  /** The same caller, limited to what {@code token} grants. */
  Caller withToken(TokenService.Claims token) {
    return new Caller(actor, identity, sysadmin, robot, token, userId);
  }

  public Actor actor() {
    return actor;
  }

  public String name() {
    return actor.getName();
  }

  public boolean isAnonymous() {
    return actor.getKind() == ActorKind.ANONYMOUS;
  }

  public boolean isRobot() {
    return robot != null;
  }

  public boolean isSysadmin() {
    return sysadmin;
  }

  /** The token's claims, or {@code null} when the caller sent Basic credentials or none. */
  public TokenService.Claims token() {
    return token;
  }

  /** Who the caller is as far as {@code project} is concerned. */
  public Principal principalIn(String project) {
    if (isAnonymous()) {
      return new Principal.Anonymous();
    }
    if (sysadmin) {
      return new Principal.SystemAdmin(name());
    }
    if (robot != null) {
      return new Principal.Robot(
          robot.name(),
          robot.project(),
          RobotPermissions.actions(robot.permissions()),
          robot.expiresAt() == null ? null : Instant.ofEpochMilli(robot.expiresAt()));
    }
    Map<String, Role> roles = new HashMap<>();
    // The membership of this account: a deleted user's memberships do not pass to a namesake.
    identity
        .member(project, name())
        .filter(m -> m.userId() == userId)
        .flatMap(m -> Role.byHarborId(m.roleId()))
        .ifPresent(role -> roles.put(project, role));
    return new Principal.User(name(), roles);
  }

  /** Whether the caller is this very user account and a member of {@code project}. */
  public boolean isMemberOf(String project) {
    return identity != null
        && robot == null
        && token == null
        && identity.member(project, name()).filter(m -> m.userId() == userId).isPresent();
  }

  /** Whether the caller may do {@code action} in {@code project}, ignoring any token. */
  public boolean may(Permissions.Project project, Action action, Instant now) {
    return Permissions.decide(principalIn(project.name()), project, action, now).allowed();
  }

  @Override
  public String toString() {
    return actor.getKind() + " " + actor.getName() + (token == null ? "" : " (token)");
  }
}
