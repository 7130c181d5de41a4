package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/**
 * Who exists and who may do what, as folded from identity events: users, project members, robots.
 * Thread-safe; reads reflect every event the local projection has applied.
 */
public interface IdentityView {

  Optional<UserEntry> user(String username);

  /** Every user, in name order. */
  List<UserEntry> users();

  /** The highest user id ever given, deleted users included: ids are never given twice. */
  int highestUserId();

  Optional<MemberEntry> member(String project, String username);

  /** A project's members, in name order. */
  List<MemberEntry> members(String project);

  /** A robot by its full name {@code robot$<project>+<name>}. */
  Optional<RobotEntry> robot(String project, String name);

  /** Every robot of every project, in project then name order. */
  List<RobotEntry> robots();
}
