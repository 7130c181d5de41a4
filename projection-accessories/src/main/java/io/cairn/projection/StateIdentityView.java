package io.cairn.projection;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** {@link IdentityView} over any {@link StateReader}. */
public final class StateIdentityView implements IdentityView {
  private static final int ALL = Integer.MAX_VALUE;

  private final StateReader state;
  private final EntryCache entries;

  public StateIdentityView(StateReader state) {
    this(state, new EntryCache(EnumSet.noneOf(Store.class)));
  }

  /** A view keeping users, members and robots in {@code entries}, which the fold must tell. */
  public StateIdentityView(StateReader state, EntryCache entries) {
    this.state = state;
    this.entries = entries;
  }

  @Override
  public Optional<UserEntry> user(String username) {
    return Optional.ofNullable(
            entries.get(
                Store.USERS,
                username,
                () ->
                    EntryCodec.decode(
                        state.get(Store.USERS, Store.REGISTRY_WIDE, username), UserEntry.class)))
        .filter(u -> !u.deleted());
  }

  @Override
  public List<UserEntry> users() {
    return allUsers().stream().filter(u -> !u.deleted()).toList();
  }

  @Override
  public int highestUserId() {
    return allUsers().stream().mapToInt(UserEntry::userId).max().orElse(0);
  }

  /** Deleted ones included; the store's other rows (keys with a separator) left out. */
  private List<UserEntry> allUsers() {
    return state.scan(Store.USERS, Store.REGISTRY_WIDE, "", null, ALL).stream()
        .filter(e -> e.getKey().indexOf(Store.SEP) < 0)
        .map(e -> EntryCodec.decode(e.getValue(), UserEntry.class))
        .toList();
  }

  @Override
  public Optional<MemberEntry> member(String project, String username) {
    String key = Store.key(project, username);
    return Optional.ofNullable(
        entries.get(
            Store.MEMBERS,
            key,
            () -> EntryCodec.decode(state.get(Store.MEMBERS, project, key), MemberEntry.class)));
  }

  @Override
  public List<MemberEntry> members(String project) {
    return scan(Store.MEMBERS, project, Store.prefix(project), MemberEntry.class);
  }

  @Override
  public Optional<RobotEntry> robot(String project, String name) {
    String key = Store.key(project, name);
    return Optional.ofNullable(
        entries.get(
            Store.ROBOTS,
            key,
            () -> EntryCodec.decode(state.get(Store.ROBOTS, project, key), RobotEntry.class)));
  }

  @Override
  public List<RobotEntry> robots() {
    return scan(Store.ROBOTS, null, "", RobotEntry.class);
  }

  private <T> List<T> scan(Store store, String partitionKey, String prefix, Class<T> type) {
    return state.scan(store, partitionKey, prefix, null, ALL).stream()
        .map(e -> EntryCodec.decode(e.getValue(), type))
        .toList();
  }
}
