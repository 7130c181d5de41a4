package io.cairn.api.sealing;

/**
 * What a sealed value is for. It is part of the value's associated data, so a value sealed for one
 * purpose (a user's password hash) never opens as another (a robot's secret hash) even under the
 * same account name.
 */
public enum Purpose {
  USER_PASSWORD("user-password"),
  ROBOT_SECRET("robot-secret"),
  /** The password of a replication endpoint, sealed to the endpoint's registry id. */
  REGISTRY_CREDENTIAL("registry-credential");

  private final String label;

  Purpose(String label) {
    this.label = label;
  }

  /** The stable name bound into the associated data: never change it for a released purpose. */
  public String label() {
    return label;
  }
}
