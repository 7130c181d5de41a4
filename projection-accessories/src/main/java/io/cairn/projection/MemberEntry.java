package io.cairn.projection;

/** A user's membership of a project, with Harbor's role id. */
public record MemberEntry(
    String project, int userId, String username, int roleId, long createdAt, long updatedAt) {}
