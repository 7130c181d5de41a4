package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.MemberRemoved;
import io.cairn.events.MemberSet;
import io.cairn.events.ProjectMetadataChanged;
import io.cairn.events.RobotCreated;
import io.cairn.events.RobotDeleted;
import io.cairn.events.RobotSecretRefreshed;
import io.cairn.events.UserCreated;
import io.cairn.events.UserDeleted;
import io.cairn.events.UserPasswordChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users, members, robots and project metadata folded from their events. */
class IdentityFoldTest {
  private final TestEvents e = new TestEvents();
  private final InMemoryState state = new InMemoryState();
  private final IdentityView identity = new StateIdentityView(state);
  private final RegistryView view = new StateView(state);

  private static UserCreated user(int id, String name, String hash) {
    return UserCreated.newBuilder()
        .setUserId(id)
        .setUsername(name)
        .setEmail(name + "@example.com")
        .setPasswordHash(hash)
        .build();
  }

  @Test
  void theFirstCreationOfAUserWinsAndPasswordsChange() {
    state.apply(e.projectEvent("", user(1, "alice", "h1")));
    state.apply(e.projectEvent("", user(7, "alice", "other")));
    state.apply(e.projectEvent("", new UserPasswordChanged("alice", "h2")));
    state.apply(e.projectEvent("", new UserPasswordChanged("nobody", "h3")));

    UserEntry alice = identity.user("alice").orElseThrow();
    assertEquals(1, alice.userId());
    assertEquals("h2", alice.passwordHash());
    assertTrue(alice.updatedAt() > alice.createdAt());
    assertEquals(List.of("alice"), identity.users().stream().map(UserEntry::username).toList());
  }

  @Test
  void aDeletedUserIsGoneButOnlyTheAccountThatWasMeant() {
    state.apply(e.projectEvent("", user(4, "dana", "h")));
    state.apply(e.projectEvent("", new UserDeleted("dana", 9))); // another dana: not this one
    assertTrue(identity.user("dana").isPresent());
    state.apply(e.projectEvent("", new UserDeleted("dana", 4)));
    assertTrue(identity.user("dana").isEmpty());
    state.apply(e.projectEvent("", user(5, "dana", "h2")));
    assertEquals(5, identity.user("dana").orElseThrow().userId());
  }

  @Test
  void aRobotsSecretIsReplaced() {
    state.apply(
        e.projectEvent("team", new RobotCreated(1, "robot$team+ci", null, "old", List.of(), null)));
    state.apply(e.projectEvent("team", new RobotSecretRefreshed("robot$team+ci", "new")));
    state.apply(e.projectEvent("team", new RobotSecretRefreshed("robot$team+gone", "x")));
    assertEquals("new", identity.robot("team", "robot$team+ci").orElseThrow().secretHash());
    assertTrue(identity.robot("team", "robot$team+gone").isEmpty());
  }

  @Test
  void membersAreSetChangedAndRemovedPerProject() {
    state.apply(e.project("team", 2));
    state.apply(e.projectEvent("team", new MemberSet(3, "bob", 2)));
    state.apply(e.projectEvent("team", new MemberSet(4, "carol", 3)));
    state.apply(e.projectEvent("other", new MemberSet(3, "bob", 1)));
    state.apply(e.projectEvent("team", new MemberSet(3, "bob", 4)));
    state.apply(e.projectEvent("team", new MemberRemoved("carol")));

    MemberEntry bob = identity.member("team", "bob").orElseThrow();
    assertEquals(4, bob.roleId());
    assertTrue(bob.updatedAt() > bob.createdAt());
    assertTrue(identity.member("team", "carol").isEmpty());
    assertEquals(
        List.of("bob"), identity.members("team").stream().map(MemberEntry::username).toList());
    assertEquals(1, identity.member("other", "bob").orElseThrow().roleId());
  }

  @Test
  void robotsAreCreatedOnceAndDeleted() {
    Instant expiry = Instant.ofEpochMilli(99_000);
    RobotCreated ci =
        new RobotCreated(1, "robot$team+ci", "ci", "h", List.of("repository:pull"), expiry);
    state.apply(e.projectEvent("team", ci));
    state.apply(
        e.projectEvent("team", new RobotCreated(2, "robot$team+ci", null, "h2", List.of(), null)));
    state.apply(
        e.projectEvent(
            "team", new RobotCreated(3, "robot$team+gone", null, "h3", List.of(), null)));
    state.apply(e.projectEvent("team", new RobotDeleted("robot$team+gone")));

    RobotEntry robot = identity.robot("team", "robot$team+ci").orElseThrow();
    assertEquals(1, robot.robotId());
    assertEquals("team", robot.project());
    assertEquals(List.of("repository:pull"), robot.permissions());
    assertEquals(99_000L, robot.expiresAt());
    assertEquals(
        List.of("robot$team+ci"), identity.robots().stream().map(RobotEntry::name).toList());
  }

  @Test
  void metadataIsMergedIntoTheProjectAndRemovable() {
    state.apply(e.project("team", 2)); // public=true
    state.apply(
        e.projectEvent(
            "team",
            new ProjectMetadataChanged(
                Map.of("enable_content_trust_cosign", "true", "public", "false"), List.of())));
    state.apply(
        e.projectEvent(
            "team", new ProjectMetadataChanged(Map.of(), List.of("enable_content_trust_cosign"))));
    state.apply(
        e.projectEvent("ghost", new ProjectMetadataChanged(Map.of("public", "true"), List.of())));

    ProjectEntry team = view.project("team").orElseThrow();
    assertEquals(Map.of("public", "false"), team.metadata());
    assertFalse(team.isPublic());
    assertTrue(team.updatedAt() > team.createdAt());
    assertTrue(view.project("ghost").isEmpty());
  }
}
