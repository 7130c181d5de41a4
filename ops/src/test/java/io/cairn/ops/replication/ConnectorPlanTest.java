package io.cairn.ops.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.projection.RegistryEndpointEntry;
import io.cairn.projection.ReplicationPolicyEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorPlanTest {
  static final String SEALED = "sealed-v1$k$n$c";
  static final ConnectorPlan PLAN =
      new ConnectorPlan(
          new ConnectorPlan.Site(
              "http://127.0.0.1:5000",
              "cairn-replicator",
              "${cairn:source:password}",
              id -> "${cairn:registry-" + id + ":password}",
              "cairn.events",
              "app-replication-",
              "app-replication-dead-letters",
              1));
  static final RegistryEndpointEntry WITH_CREDENTIAL =
      new RegistryEndpointEntry(
          7, "b", "cairn", "http://b:5000", "", true, "basic", "robot", SEALED, 1, 1, false);
  static final RegistryEndpointEntry ANONYMOUS =
      new RegistryEndpointEntry(
          8, "c", "docker-registry", "http://c:5000", "", false, null, null, null, 1, 1, false);
  static final RegistryEndpointEntry GONE =
      new RegistryEndpointEntry(
          9, "d", "cairn", "http://d", "", false, null, null, null, 1, 2, true);

  static ReplicationPolicyEntry policy(
      long id, long src, long dest, String trigger, boolean enabled, int speed) {
    return new ReplicationPolicyEntry(
        id, "p" + id, "", src, dest, "mirror", 1, trigger, null, "[]", true, false, enabled, speed,
        false, 1, 1, false);
  }

  static Optional<RegistryEndpointEntry> endpoint(long id) {
    return List.of(WITH_CREDENTIAL, ANONYMOUS, GONE).stream()
        .filter(e -> e.registryId() == id)
        .findFirst();
  }

  @Test
  void onlyEnabledEventBasedPushPoliciesWithALiveTargetRun() {
    Map<String, Map<String, String>> plan =
        PLAN.of(
            List.of(
                policy(1, 0, 7, "event_based", true, -1),
                policy(2, 0, 7, "event_based", false, -1), // disabled
                policy(3, 0, 7, "manual", true, -1), // executions, not a connector
                policy(4, 7, 0, "scheduled", true, -1), // pulls
                policy(5, 0, 9, "event_based", true, -1), // its endpoint was deleted
                policy(6, 0, 42, "event_based", true, -1), // no such endpoint
                policy(10, 0, 8, "event_based", true, 512)),
            ConnectorPlanTest::endpoint);
    assertEquals(
        Set.of("cairn-replication-policy-1", "cairn-replication-policy-10"), plan.keySet());
  }

  @Test
  void settingsCarryThePolicyAndPlaceholdersNeverASecret() {
    Map<String, String> one =
        PLAN.of(List.of(policy(1, 0, 7, "event_based", true, -1)), ConnectorPlanTest::endpoint)
            .get("cairn-replication-policy-1");
    assertEquals("${cairn:registry-7:password}", one.get("target.password"));
    assertEquals("robot", one.get("target.username"));
    assertEquals("${cairn:source:password}", one.get("cairn.password"));
    assertEquals("app-replication-1", one.get("consumer.override.group.id"));
    assertEquals("mirror", one.get("dest.namespace"));
    assertEquals("0", one.get("speed.kbps"), "Harbor's -1 is no limit");
    assertEquals("true", one.get("target.insecure"));
    assertFalse(one.containsValue(SEALED));

    Map<String, String> anonymous =
        PLAN.of(List.of(policy(10, 0, 8, "event_based", true, 512)), ConnectorPlanTest::endpoint)
            .get("cairn-replication-policy-10");
    assertFalse(anonymous.containsKey("target.password"));
    assertEquals("512", anonymous.get("speed.kbps"));
    assertEquals("docker-registry", anonymous.get("target.type"));
  }
}
