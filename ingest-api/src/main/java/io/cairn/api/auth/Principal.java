package io.cairn.api.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Who is asking: nobody, a user (with a role per project), the system admin, or a robot. */
public sealed interface Principal {

  /** No credentials at all. */
  record Anonymous() implements Principal {}

  /** A registry administrator: every action on every project. */
  record SystemAdmin(String name) implements Principal {}

  /** A user and the role they hold in each project they are a member of. */
  record User(String name, Map<String, Role> roles) implements Principal {
    public User {
      roles = Map.copyOf(roles);
    }
  }

  /**
   * A robot account {@code robot$<project>+<name>}: exactly the actions it was given, on its one
   * project, until it expires ({@code null}: never).
   */
  record Robot(String name, String project, Set<Action> actions, Instant expiresAt)
      implements Principal {
    public Robot {
      actions = Set.copyOf(actions);
    }
  }
}
