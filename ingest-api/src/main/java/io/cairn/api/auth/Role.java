package io.cairn.api.auth;

import java.util.Arrays;
import java.util.Optional;

/** Harbor's project roles, with Harbor's role ids (as {@code role_id} in its member API). */
public enum Role {
  PROJECT_ADMIN(1, "projectAdmin"),
  DEVELOPER(2, "developer"),
  GUEST(3, "guest"),
  MAINTAINER(4, "maintainer"),
  LIMITED_GUEST(5, "limitedGuest");

  private final int harborId;
  private final String harborName;

  Role(int harborId, String harborName) {
    this.harborId = harborId;
    this.harborName = harborName;
  }

  /** Harbor's {@code role_name}. */
  public String harborName() {
    return harborName;
  }

  public int harborId() {
    return harborId;
  }

  public static Optional<Role> byHarborId(int id) {
    return Arrays.stream(values()).filter(r -> r.harborId == id).findFirst();
  }
}
