package io.cairn.projection;

/** A local user account, as Harbor's user API shows it, plus the stored password hash. */
public record UserEntry(
    int userId,
    String username,
    String email,
    String realname,
    String comment,
    String passwordHash,
    boolean sysadmin,
    long createdAt,
    long updatedAt) {

  UserEntry withPassword(String hash, long at) {
    return new UserEntry(userId, username, email, realname, comment, hash, sysadmin, createdAt, at);
  }
}
