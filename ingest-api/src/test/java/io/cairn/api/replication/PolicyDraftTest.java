package io.cairn.api.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Harbor's ReplicationPolicy body, checked field by field. */
class PolicyDraftTest {

  private static JsonObject push() {
    return new JsonObject()
        .put("name", "to-peer")
        .put("dest_registry", new JsonObject().put("id", 3));
  }

  private static JsonObject pull() {
    return new JsonObject()
        .put("name", "from-peer")
        .put("src_registry", new JsonObject().put("id", 4));
  }

  private static JsonObject trigger(String type, String cron) {
    JsonObject trigger = new JsonObject().put("type", type);
    if (cron != null) {
      trigger.put("trigger_settings", new JsonObject().put("cron", cron));
    }
    return trigger;
  }

  @Test
  void aMinimalBodyTakesHarborsDefaults() {
    PolicyDraft draft = PolicyDraft.of(push());
    assertEquals("to-peer", draft.name());
    assertNull(draft.description());
    assertEquals(0, draft.srcRegistryId());
    assertEquals(3, draft.destRegistryId());
    assertTrue(draft.pushes());
    assertEquals(3, draft.registryId());
    assertNull(draft.destNamespace());
    assertEquals(-1, draft.destNamespaceReplaceCount());
    assertEquals(PolicyDraft.Trigger.MANUAL, draft.trigger());
    assertNull(draft.cron());
    assertEquals("[]", draft.filters());
    assertFalse(draft.replicateDeletion());
    assertTrue(draft.override());
    assertTrue(draft.enabled());
    assertEquals(-1, draft.speed());
    assertFalse(draft.copyByChunk());
  }

  @Test
  void everyFieldIsKept() {
    JsonArray filters =
        new JsonArray()
            .add(new JsonObject().put("type", "name").put("value", "library/**"))
            .add(
                new JsonObject()
                    .put("type", "tag")
                    .put("value", "v*")
                    .put("decoration", "excludes"))
            .add(new JsonObject().put("type", "label").put("value", new JsonArray().add("prod")))
            .add(new JsonObject().put("type", "resource").put("value", "image"));
    PolicyDraft draft =
        PolicyDraft.of(
            pull()
                .put("description", "nightly")
                .put("dest_registry", new JsonObject().put("id", 0))
                .put("dest_namespace", "mirror/team")
                .put("dest_namespace_replace_count", 1)
                .put("trigger", trigger("scheduled", " 0 0 3 * * * "))
                .put("filters", filters)
                .put("replicate_deletion", true)
                .put("override", false)
                .put("enabled", false)
                .put("speed", 1024)
                .put("copy_by_chunk", true));
    assertEquals("nightly", draft.description());
    assertFalse(draft.pushes());
    assertEquals(4, draft.registryId());
    assertEquals("mirror/team", draft.destNamespace());
    assertEquals(1, draft.destNamespaceReplaceCount());
    assertEquals(PolicyDraft.Trigger.SCHEDULED, draft.trigger());
    assertEquals("0 0 3 * * *", draft.cron());
    assertEquals(filters, new JsonArray(draft.filters()));
    assertTrue(draft.replicateDeletion());
    assertFalse(draft.override());
    assertFalse(draft.enabled());
    assertEquals(1024, draft.speed());
    assertTrue(draft.copyByChunk());
  }

  @Test
  void harborsDeprecatedDeletionCountsUnlessReplicateDeletionIsGiven() {
    assertTrue(PolicyDraft.of(push().put("deletion", true)).replicateDeletion());
    assertFalse(
        PolicyDraft.of(push().put("deletion", true).put("replicate_deletion", false))
            .replicateDeletion());
  }

  @Test
  void eventBasedIsForPushPoliciesAndOnlyScheduledKeepsACron() {
    PolicyDraft events =
        PolicyDraft.of(push().put("trigger", trigger("event_based", "0 0 * * * *")));
    assertEquals(PolicyDraft.Trigger.EVENT_BASED, events.trigger());
    assertNull(events.cron());
    assertEquals(
        PolicyDraft.Trigger.MANUAL,
        PolicyDraft.of(push().put("trigger", trigger("", null))).trigger());
    assertBadRequest(
        () -> PolicyDraft.of(pull().put("trigger", trigger("event_based", null))),
        "event_based trigger needs a push policy");
  }

  @Test
  void aRegistryOfIdZeroOrNullIsThisCairn() {
    assertEquals(
        0,
        PolicyDraft.of(push().put("src_registry", new JsonObject().putNull("id"))).srcRegistryId());
    assertEquals(0, PolicyDraft.of(push().put("src_registry", null)).srcRegistryId());
  }

  /** Each body is {@link #push()} changed by one operator, and refused with a reason. */
  @Test
  void badBodiesAre400WithAReason() {
    bad(b -> b.put("name", ""), "name must be");
    bad(b -> b.put("name", "x".repeat(256)), "name must be");
    bad(b -> b.put("name", 7), "name must be a string");
    bad(
        b -> {
          b.remove("dest_registry");
          return b;
        },
        "needs src_registry");
    bad(b -> b.put("dest_registry", new JsonObject().put("id", 0)), "needs src_registry");
    bad(b -> b.put("src_registry", new JsonObject().put("id", 5)), "not both");
    bad(b -> b.put("dest_registry", new JsonObject().put("id", -2)), "dest_registry.id");
    bad(b -> b.put("dest_registry", new JsonObject().put("id", "abc")), "dest_registry.id");
    bad(b -> b.put("dest_registry", new JsonObject().put("id", 1.5)), "dest_registry.id");
    bad(b -> b.put("dest_registry", 3), "dest_registry must be an object");
    bad(b -> b.put("dest_namespace", "Team"), "dest_namespace 'Team'");
    bad(b -> b.put("dest_namespace", "team//x"), "dest_namespace");
    bad(b -> b.put("dest_namespace", "/team"), "dest_namespace");
    bad(b -> b.put("dest_namespace", "a".repeat(256)), "dest_namespace");
    bad(b -> b.put("dest_namespace_replace_count", -2), "between -1 and 127");
    bad(b -> b.put("dest_namespace_replace_count", 128), "between -1 and 127");
    bad(b -> b.put("dest_namespace_replace_count", "1"), "whole number");
    bad(b -> b.put("trigger", "manual"), "trigger must be an object");
    bad(b -> b.put("trigger", trigger("hourly", null)), "trigger.type must be");
    bad(b -> b.put("trigger", trigger("scheduled", null)), "needs trigger.trigger_settings.cron");
    bad(b -> b.put("trigger", trigger("scheduled", "")), "needs trigger.trigger_settings.cron");
    bad(b -> b.put("trigger", trigger("scheduled", "0 0 * * *")), "must have 6 fields");
    bad(b -> b.put("trigger", trigger("scheduled", "* * * * * *")), "must be 0");
    bad(b -> b.put("trigger", trigger("scheduled", "0 61 * * * *")), "outside 0-59");
    bad(b -> b.put("filters", new JsonObject()), "filters must be an array");
    bad(b -> b.put("filters", new JsonArray().add("name")), "each filter must be an object");
    bad(b -> b.put("filters", filter("colour", "red", null)), "filter type must be");
    bad(b -> b.put("filters", filter("name", "x", "maybe")), "decoration must be");
    bad(b -> b.put("filters", filter("name", "lib/[", null)), "leaves a [ open");
    bad(b -> b.put("filters", filter("resource", "chart", null)), "chart");
    bad(b -> b.put("replicate_deletion", "yes"), "replicate_deletion must be true or false");
    bad(b -> b.put("deletion", 1), "deletion must be true or false");
    bad(b -> b.put("override", "true"), "override must be");
    bad(b -> b.put("enabled", 0), "enabled must be");
    bad(b -> b.put("copy_by_chunk", "no"), "copy_by_chunk must be");
    bad(b -> b.put("speed", -2), "speed must be between -1");
    bad(b -> b.put("speed", 3_000_000_000L), "speed must be between -1");
    bad(b -> b.put("speed", 1.5), "speed must be a whole number");
    bad(b -> b.put("description", 5), "description must be a string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"team", "team/mirror", "a.b_c-d", "a__b/c---d"})
  void destNamespacesAreRepositoryPaths(String namespace) {
    assertEquals(
        namespace, PolicyDraft.of(push().put("dest_namespace", namespace)).destNamespace());
  }

  private static JsonArray filter(String type, String value, String decoration) {
    JsonObject filter = new JsonObject().put("type", type).put("value", value);
    if (decoration != null) {
      filter.put("decoration", decoration);
    }
    return new JsonArray().add(filter);
  }

  private static void bad(UnaryOperator<JsonObject> change, String reason) {
    assertBadRequest(() -> PolicyDraft.of(change.apply(push())), reason);
  }

  private static void assertBadRequest(Runnable call, String reason) {
    OciException e = assertThrows(OciException.class, call::run, reason);
    assertEquals(OciErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains(reason), e.getMessage() + " should say " + reason);
  }
}
