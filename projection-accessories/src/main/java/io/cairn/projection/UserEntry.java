package io.cairn.projection;

/**
 * A local user account, as Harbor's user API shows it, plus the stored password hash exactly as the
 * events carry it: sealed ({@code sealed-v1$…}), or plain for events written before sealing. Only
 * authentication opens it; the fold copies it unread. Empty for a deleted user.
 */
public record UserEntry(
    int userId,
    String username,
    String email,
    String realname,
    String comment,
    String passwordHash,
    boolean sysadmin,
    long createdAt,
    long updatedAt,
    boolean deleted) {

  UserEntry withPassword(String hash, long at) {
    return new UserEntry(
        userId, username, email, realname, comment, hash, sysadmin, createdAt, at, deleted);
  }

  /**
   * Kept as a tombstone rather than removed, so its id is never given again: memberships name users
   * by name and id, and a namesake must not inherit them.
   */
  UserEntry asDeleted(long at) {
    return new UserEntry(
        userId, username, email, realname, comment, "", sysadmin, createdAt, at, true);
  }
}
