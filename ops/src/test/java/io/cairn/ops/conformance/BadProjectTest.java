package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.ops.conformance.OciClient.Reply;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Project creation through the Harbor API. */
class BadProjectTest extends BadInputSuite {
  /** The error codes, with their statuses, that this class provokes. */
  static final List<String> CODES =
      List.of("BAD_REQUEST 400", "CONFLICT 409", "PAYLOAD_TOO_LARGE 413");

  // ---- the projects API ----

  /** name | status | code | body ({long} is a name of 256 characters). */
  private static final String PROJECT_BODIES =
      """
      malformed JSON            | 400 | BAD_REQUEST | {"project_name":
      a JSON array              | 400 | BAD_REQUEST | ["x"]
      an empty body             | 400 | BAD_REQUEST |
      no project_name           | 400 | BAD_REQUEST | {}
      project_name not a string | 400 | BAD_REQUEST | {"project_name":7}
      upper-case name           | 400 | BAD_REQUEST | {"project_name":"Bad"}
      name with a slash         | 400 | BAD_REQUEST | {"project_name":"a/b"}
      name with a space         | 400 | BAD_REQUEST | {"project_name":"a b"}
      name over 255 characters  | 400 | BAD_REQUEST | {"project_name":"{long}"}
      metadata not an object    | 400 | BAD_REQUEST | {"project_name":"meta","metadata":"x"}
      duplicate                 | 409 | CONFLICT    | {"project_name":"library"}
      """;

  static Stream<Named<Call>> projectBodies() {
    return PROJECT_BODIES
        .lines()
        .map(line -> line.split("\\s*\\|\\s*", 4))
        .map(
            cell ->
                Named.of(
                    cell[0].strip(),
                    new Call(
                        "POST",
                        cell.length > 3 ? cell[3].replace("{long}", "p".repeat(256)) : "",
                        Integer.parseInt(cell[1]),
                        cell[2].strip())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projectBodies")
  @Order(30)
  void project_badCreateIsRejected(Call call) {
    Reply reply =
        oci.post("/api/v2.0/projects", bytes(call.path()), "Content-Type", "application/json");
    assertError(reply, call.status(), call.code());
  }

  @Test
  @Order(31)
  void project_oversizedCreateIsA413() {
    String body =
        new JsonObject()
            .put("project_name", "oversized")
            .put("metadata", new JsonObject().put("padding", "p".repeat(128 * 1024)))
            .encode();
    Reply reply = oci.post("/api/v2.0/projects", bytes(body), "Content-Type", "application/json");
    assertError(reply, 413, "PAYLOAD_TOO_LARGE");
    assertEquals(404, oci.get("/api/v2.0/projects/oversized").status());
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void showsItsErrorCodes() {
    assertShown(CODES);
  }
}
