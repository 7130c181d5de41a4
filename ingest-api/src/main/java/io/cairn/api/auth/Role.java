package io.cairn.api.auth;

import java.util.Arrays;
import java.util.Optional;

/** Harbor's project roles, with Harbor's role ids (as {@code role_id} in its member API). */
public enum Role {
  PROJECT_ADMIN(1),
  DEVELOPER(2),
  GUEST(3),
  MAINTAINER(4),
  LIMITED_GUEST(5);

  private final int harborId;

  Role(int harborId) {
    this.harborId = harborId;
  }

  public int harborId() {
    return harborId;
  }

  public static Optional<Role> byHarborId(int id) {
    return Arrays.stream(values()).filter(r -> r.harborId == id).findFirst();
  }
}
