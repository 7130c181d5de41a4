package io.cairn.projection;

import java.util.List;

/**
 * A project robot account {@code robot$<project>+<name>}: its permissions as {@code
 * resource:action} strings, and its expiry ({@code null}: never). {@code secretHash} is the stored
 * secret hash exactly as the events carry it: sealed ({@code sealed-v1$…}), or plain for events
 * written before sealing; only authentication opens it.
 */
public record RobotEntry(
    int robotId,
    String name,
    String project,
    String description,
    String secretHash,
    List<String> permissions,
    Long expiresAt,
    long createdAt) {
  public RobotEntry {
    permissions = permissions == null ? List.of() : List.copyOf(permissions);
  }

  RobotEntry withSecret(String hash) {
    return new RobotEntry(
        robotId, name, project, description, hash, permissions, expiresAt, createdAt);
  }
}
