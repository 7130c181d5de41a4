package io.cairn.projection;

import io.cairn.events.MemberRemoved;
import io.cairn.events.MemberSet;
import io.cairn.events.ProjectMetadataChanged;
import io.cairn.events.RegistryEvent;
import io.cairn.events.RobotCreated;
import io.cairn.events.RobotDeleted;
import io.cairn.events.RobotSecretRefreshed;
import io.cairn.events.UserCreated;
import io.cairn.events.UserDeleted;
import io.cairn.events.UserPasswordChanged;
import java.util.List;
import java.util.Optional;

/**
 * The identity part of the fold: users, project members, robots and project metadata. Like {@link
 * RegistryFold}, every change is computed from the event and the current state, so a replay ends in
 * the same state.
 */
final class IdentityFold {
  private IdentityFold() {}

  /** The changes for an identity event, or empty if {@code event} is not one. */
  static Optional<List<Change>> evolve(StateLookup state, RegistryEvent event) {
    Object payload = event.getPayload();
    String project = event.getProject();
    long at = event.getOccurredAt().toEpochMilli();
    if (payload instanceof UserCreated p) {
      return Optional.of(userCreated(state, p, at));
    } else if (payload instanceof UserPasswordChanged p) {
      return Optional.of(passwordChanged(state, p, at));
    } else if (payload instanceof UserDeleted p) {
      return Optional.of(userDeleted(state, p, at));
    } else if (payload instanceof RobotSecretRefreshed p) {
      return Optional.of(secretRefreshed(state, project, p));
    } else if (payload instanceof MemberSet p) {
      return Optional.of(memberSet(state, project, p, at));
    } else if (payload instanceof MemberRemoved p) {
      return Optional.of(
          List.of(new Change.Delete(Store.MEMBERS, Store.key(project, p.getUsername()))));
    } else if (payload instanceof RobotCreated p) {
      return Optional.of(robotCreated(state, project, p, at));
    } else if (payload instanceof RobotDeleted p) {
      return Optional.of(List.of(new Change.Delete(Store.ROBOTS, Store.key(project, p.getName()))));
    } else if (payload instanceof ProjectMetadataChanged p) {
      return Optional.of(metadataChanged(state, project, p, at));
    }
    return Optional.empty();
  }

  private static List<Change> userCreated(StateLookup state, UserCreated p, long at) {
    UserEntry existing =
        EntryCodec.decode(state.get(Store.USERS, p.getUsername()), UserEntry.class);
    if (existing != null && !existing.deleted()) {
      return List.of(); // the first creation wins, as for projects
    }
    UserEntry user =
        new UserEntry(
            p.getUserId(),
            p.getUsername(),
            p.getEmail(),
            p.getRealname(),
            p.getComment(),
            p.getPasswordHash(),
            p.getSysadmin(),
            at,
            at,
            false);
    return List.of(new Change.Put(Store.USERS, p.getUsername(), EntryCodec.encode(user)));
  }

  private static List<Change> passwordChanged(StateLookup state, UserPasswordChanged p, long at) {
    UserEntry user = EntryCodec.decode(state.get(Store.USERS, p.getUsername()), UserEntry.class);
    if (user == null || user.deleted()) {
      return List.of();
    }
    return List.of(
        new Change.Put(
            Store.USERS,
            p.getUsername(),
            EntryCodec.encode(user.withPassword(p.getPasswordHash(), at))));
  }

  /** Only the account that was meant: a later user of the same name has another id. */
  private static List<Change> userDeleted(StateLookup state, UserDeleted p, long at) {
    UserEntry user = EntryCodec.decode(state.get(Store.USERS, p.getUsername()), UserEntry.class);
    if (user == null || user.deleted() || user.userId() != p.getUserId()) {
      return List.of();
    }
    return List.of(
        new Change.Put(Store.USERS, p.getUsername(), EntryCodec.encode(user.asDeleted(at))));
  }

  private static List<Change> secretRefreshed(
      StateLookup state, String project, RobotSecretRefreshed p) {
    String key = Store.key(project, p.getName());
    RobotEntry robot = EntryCodec.decode(state.get(Store.ROBOTS, key), RobotEntry.class);
    if (robot == null) {
      return List.of();
    }
    return List.of(
        new Change.Put(Store.ROBOTS, key, EntryCodec.encode(robot.withSecret(p.getSecretHash()))));
  }

  private static List<Change> memberSet(StateLookup state, String project, MemberSet p, long at) {
    String key = Store.key(project, p.getUsername());
    MemberEntry old = EntryCodec.decode(state.get(Store.MEMBERS, key), MemberEntry.class);
    MemberEntry next =
        new MemberEntry(
            project,
            p.getUserId(),
            p.getUsername(),
            p.getRoleId(),
            old == null ? at : old.createdAt(),
            at);
    return List.of(new Change.Put(Store.MEMBERS, key, EntryCodec.encode(next)));
  }

  private static List<Change> robotCreated(
      StateLookup state, String project, RobotCreated p, long at) {
    String key = Store.key(project, p.getName());
    if (state.get(Store.ROBOTS, key) != null) {
      return List.of();
    }
    RobotEntry robot =
        new RobotEntry(
            p.getRobotId(),
            p.getName(),
            project,
            p.getDescription(),
            p.getSecretHash(),
            p.getPermissions(),
            p.getExpiresAt() == null ? null : p.getExpiresAt().toEpochMilli(),
            at);
    return List.of(new Change.Put(Store.ROBOTS, key, EntryCodec.encode(robot)));
  }

  private static List<Change> metadataChanged(
      StateLookup state, String project, ProjectMetadataChanged p, long at) {
    ProjectEntry old = EntryCodec.decode(state.get(Store.PROJECTS, project), ProjectEntry.class);
    if (old == null) {
      return List.of();
    }
    ProjectEntry next = old.withMetadata(p.getSet(), p.getRemoved(), at);
    return List.of(new Change.Put(Store.PROJECTS, project, EntryCodec.encode(next)));
  }
}
