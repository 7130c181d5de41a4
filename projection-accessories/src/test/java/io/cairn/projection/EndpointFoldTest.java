package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.RegistryEndpointCreated;
import io.cairn.events.RegistryEndpointDeleted;
import io.cairn.events.RegistryEndpointUpdated;
import io.cairn.events.UserCreated;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry endpoints folded from their events, beside users in the registry-wide store. */
class EndpointFoldTest {
  private final TestEvents e = new TestEvents();
  private final InMemoryState state = new InMemoryState();
  private final EndpointView endpoints = new StateEndpointView(state);
  private final IdentityView identity = new StateIdentityView(state);

  private static RegistryEndpointCreated created(long id, String name, String secret) {
    return RegistryEndpointCreated.newBuilder()
        .setRegistryId(id)
        .setName(name)
        .setType("docker-registry")
        .setUrl("http://" + name + ":5000")
        .setCredentialType("basic")
        .setAccessKey("u")
        .setAccessSecret(secret)
        .build();
  }

  @Test
  void theFirstCreationOfAnIdWinsAndUpdatesReplaceTheWholeState() {
    state.apply(e.projectEvent("", created(2, "b", "s2")));
    state.apply(e.projectEvent("", created(10, "a", "s10")));
    state.apply(e.projectEvent("", created(2, "other", "x")));
    assertEquals(
        List.of(2L, 10L), endpoints.endpoints().stream().map(r -> r.registryId()).toList());
    assertEquals("b", endpoints.endpoint(2).orElseThrow().name());

    state.apply(
        e.projectEvent(
            "",
            RegistryEndpointUpdated.newBuilder()
                .setRegistryId(2)
                .setName("b2")
                .setType("cairn")
                .setUrl("https://b2")
                .setInsecure(true)
                .build()));
    RegistryEndpointEntry b = endpoints.endpoint(2).orElseThrow();
    assertEquals("b2", b.name());
    assertEquals("cairn", b.type());
    assertTrue(b.insecure());
    assertNull(b.accessSecret(), "the update's state is the whole state");
    assertTrue(b.updatedAt() >= b.createdAt());
  }

  @Test
  void aDeletedIdIsNeverGivenAgainAndKeepsNoCredential() {
    state.apply(e.projectEvent("", created(1, "a", "s1")));
    state.apply(e.projectEvent("", created(2, "b", "s2")));
    state.apply(e.projectEvent("", new RegistryEndpointDeleted(2L, "b")));
    state.apply(e.projectEvent("", new RegistryEndpointDeleted(2L, "b")));
    state.apply(
        e.projectEvent(
            "",
            RegistryEndpointUpdated.newBuilder()
                .setRegistryId(2)
                .setName("b")
                .setType("cairn")
                .setUrl("https://b")
                .build()));

    assertTrue(endpoints.endpoint(2).isEmpty(), "an update does not revive a deleted endpoint");
    assertEquals(List.of(1L), endpoints.endpoints().stream().map(r -> r.registryId()).toList());
    assertEquals(2, endpoints.highestEndpointId());
    String tombstone = state.get(Store.USERS, EndpointFold.key(2));
    assertTrue(!tombstone.contains("s2"), tombstone);
  }

  @Test
  void usersAndEndpointsShareTheStoreWithoutSeeingEachOther() {
    state.apply(
        e.projectEvent(
            "",
            UserCreated.newBuilder().setUserId(3).setUsername("zed").setPasswordHash("h").build()));
    state.apply(e.projectEvent("", created(7, "a", "s")));
    assertEquals(List.of("zed"), identity.users().stream().map(UserEntry::username).toList());
    assertEquals(3, identity.highestUserId());
    assertEquals(1, endpoints.endpoints().size());
  }
}
