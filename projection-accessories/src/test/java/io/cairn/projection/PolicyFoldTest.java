package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.RegistryEndpointCreated;
import io.cairn.events.ReplicationPolicyCreated;
import io.cairn.events.ReplicationPolicyDeleted;
import io.cairn.events.ReplicationPolicyUpdated;
import io.cairn.events.UserCreated;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replication policies folded from their events, beside users and endpoints in one store. */
class PolicyFoldTest {
  private final TestEvents e = new TestEvents();
  private final InMemoryState state = new InMemoryState();
  private final PolicyView policies = new StatePolicyView(state);
  private final EndpointView endpoints = new StateEndpointView(state);
  private final IdentityView identity = new StateIdentityView(state);

  private static ReplicationPolicyCreated created(long id, String name, long dest) {
    return ReplicationPolicyCreated.newBuilder()
        .setPolicyId(id)
        .setName(name)
        .setDestRegistryId(dest)
        .setFilters("[{\"type\":\"name\",\"value\":\"library/**\"}]")
        .build();
  }

  @Test
  void theFirstCreationOfAnIdWinsAndUpdatesReplaceTheWholeState() {
    state.apply(e.projectEvent("", created(2, "b", 1)));
    state.apply(e.projectEvent("", created(10, "a", 1)));
    state.apply(e.projectEvent("", created(2, "other", 5)));
    assertEquals(List.of(2L, 10L), ids());
    ReplicationPolicyEntry b = policies.policy(2).orElseThrow();
    assertEquals("b", b.name());
    assertTrue(b.pushes());
    assertTrue(b.enabled() && b.override(), "the schema's defaults");
    assertEquals(-1, b.destNamespaceReplaceCount());
    assertEquals("manual", b.triggerType());

    state.apply(
        e.projectEvent(
            "",
            ReplicationPolicyUpdated.newBuilder()
                .setPolicyId(2)
                .setName("b2")
                .setSrcRegistryId(3)
                .setTriggerType("scheduled")
                .setCron("0 0 * * * *")
                .setEnabled(false)
                .build()));
    ReplicationPolicyEntry updated = policies.policy(2).orElseThrow();
    assertEquals("b2", updated.name());
    assertFalse(updated.pushes());
    assertTrue(updated.uses(3) && !updated.uses(1), "the update's state is the whole state");
    assertEquals("[]", updated.filters());
    assertEquals("0 0 * * * *", updated.cron());
    assertFalse(updated.enabled());
    assertEquals(b.createdAt(), updated.createdAt());
  }

  @Test
  void aDeletedIdIsNeverGivenAgainAndAnUpdateDoesNotReviveIt() {
    state.apply(e.projectEvent("", created(1, "a", 1)));
    state.apply(e.projectEvent("", created(2, "b", 1)));
    state.apply(e.projectEvent("", new ReplicationPolicyDeleted(2L, "b")));
    state.apply(e.projectEvent("", new ReplicationPolicyDeleted(2L, "b")));
    state.apply(
        e.projectEvent(
            "", ReplicationPolicyUpdated.newBuilder().setPolicyId(2).setName("b").build()));

    assertTrue(policies.policy(2).isEmpty());
    assertEquals(List.of(1L), ids());
    assertEquals(2, policies.highestPolicyId());
  }

  @Test
  void usersEndpointsAndPoliciesShareTheStoreWithoutSeeingEachOther() {
    state.apply(
        e.projectEvent(
            "",
            UserCreated.newBuilder().setUserId(3).setUsername("zed").setPasswordHash("h").build()));
    state.apply(
        e.projectEvent(
            "",
            RegistryEndpointCreated.newBuilder()
                .setRegistryId(7)
                .setName("peer")
                .setType("cairn")
                .setUrl("http://peer")
                .build()));
    state.apply(e.projectEvent("", created(9, "p", 7)));

    assertEquals(List.of("zed"), identity.users().stream().map(UserEntry::username).toList());
    assertEquals(3, identity.highestUserId());
    assertEquals(List.of(7L), endpoints.endpoints().stream().map(r -> r.registryId()).toList());
    assertEquals(7, endpoints.highestEndpointId());
    assertEquals(List.of(9L), ids());
    assertEquals(9, policies.highestPolicyId());
  }

  private List<Long> ids() {
    return policies.policies().stream().map(ReplicationPolicyEntry::policyId).toList();
  }
}
