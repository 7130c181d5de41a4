package io.cairn.api.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.projection.RegistryEndpointEntry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Harbor's Registry and RegistryUpdate bodies, checked field by field. */
class EndpointDraftTest {
  private static final RegistryEndpointEntry OLD =
      new RegistryEndpointEntry(
          3, "old", "cairn", "https://old", "d", false, "basic", "u", "sealed-v1$x", 1, 1, false);

  private static JsonObject registry(String url) {
    return new JsonObject()
        .put("name", "peer")
        .put("type", "docker-registry")
        .put("url", url)
        .put(
            "credential",
            new JsonObject().put("type", "basic").put("access_key", "u").put("access_secret", "p"));
  }

  @Test
  void aRegistryBodyBecomesADraftWithoutTrailingSlashes() {
    EndpointDraft draft = EndpointDraft.create(registry("https://peer.example:5000/mirror//"));
    assertEquals("https://peer.example:5000/mirror", draft.url());
    assertEquals("u", draft.accessKey());
    assertEquals("p", draft.newSecret());
    assertFalse(draft.toString().contains("p]"), draft.toString());
    assertNull(EndpointDraft.create(registry("http://h").put("credential", null)).accessKey());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "peer.example",
        "ftp://peer.example",
        "http://",
        "http:///path",
        "https://u:p@peer.example",
        "https://peer.example/?q=1",
        "https://peer.example/#f",
        "http://peer example"
      })
  void badUrlsAre400(String url) {
    assertBadRequest(() -> EndpointDraft.create(registry(url)));
  }

  @Test
  void badFieldsAre400() {
    assertBadRequest(() -> EndpointDraft.create(registry("http://h").put("type", "harbor")));
    assertBadRequest(() -> EndpointDraft.create(registry("http://h").put("type", 7)));
    assertBadRequest(() -> EndpointDraft.create(registry("http://h").put("name", "")));
    assertBadRequest(() -> EndpointDraft.create(registry("http://h").put("name", "x".repeat(256))));
    assertBadRequest(() -> EndpointDraft.create(registry("http://h").put("insecure", "yes")));
    assertBadRequest(() -> EndpointDraft.create(registry("http://h").put("ca_certificate", "PEM")));
    assertBadRequest(() -> EndpointDraft.create(registry("http://h").put("credential", "u:p")));
    assertBadRequest(
        () ->
            EndpointDraft.create(
                registry("http://h")
                    .put(
                        "credential",
                        new JsonObject().put("type", "oauth").put("access_key", "u"))));
    assertBadRequest(
        () ->
            EndpointDraft.create(
                registry("http://h").put("credential", new JsonObject().put("access_key", "u"))));
    assertBadRequest(
        () ->
            EndpointDraft.create(
                registry("http://h")
                    .put("credential", new JsonObject().put("access_secret", "p"))));
  }

  @Test
  void anUpdateChangesWhatItGivesAndKeepsTheRest() {
    EndpointDraft same = EndpointDraft.update(OLD, new JsonObject().put("access_secret", "*****"));
    assertEquals("old", same.name());
    assertEquals("u", same.accessKey());
    assertNull(same.newSecret(), "the mask keeps the stored secret");

    EndpointDraft renamed =
        EndpointDraft.update(
            OLD,
            new JsonObject().put("name", "new").put("insecure", true).put("description", null));
    assertEquals("new", renamed.name());
    assertTrue(renamed.insecure());
    assertEquals("d", renamed.description());
    assertEquals("cairn", renamed.type());

    EndpointDraft anonymous = EndpointDraft.update(OLD, new JsonObject().put("access_key", ""));
    assertNull(anonymous.accessKey());

    assertEquals(
        "p2",
        EndpointDraft.update(
                OLD, new JsonObject().put("access_key", "v").put("access_secret", "p2"))
            .newSecret());
    assertBadRequest(() -> EndpointDraft.update(OLD, new JsonObject().put("access_key", "v")));
    assertBadRequest(() -> EndpointDraft.update(OLD, new JsonObject().put("url", "ftp://x")));
    assertBadRequest(() -> EndpointDraft.update(OLD, new JsonObject().put("credential_type", "x")));
  }

  @Test
  void idsArePositiveWholeNumbers() {
    assertEquals(12, EndpointFields.id("12"));
    assertEquals(12, EndpointFields.id(12));
    assertBadRequest(() -> EndpointFields.id("0"));
    assertBadRequest(() -> EndpointFields.id("-1"));
    assertBadRequest(() -> EndpointFields.id("1e3"));
    assertBadRequest(() -> EndpointFields.id("99999999999999999999"));
    assertBadRequest(() -> EndpointFields.id(null));
  }

  private static void assertBadRequest(Runnable call) {
    OciException e = assertThrows(OciException.class, call::run);
    assertEquals(OciErrorCode.BAD_REQUEST, e.code());
  }
}
