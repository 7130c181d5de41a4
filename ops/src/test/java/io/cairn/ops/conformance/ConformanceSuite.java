package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.conformance.OciClient.Reply;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI distribution spec v1.1 walked against a whole Cairn, like the OCI conformance suite, one
 * class per part of the spec: pull, blob push, manifest push, content discovery and management,
 * referrers. Each test works in a repository of its own, so they stay independent; the order is
 * only for reading. A failure here is a release blocker (STYLE.md, 11).
 */
@ExtendWith(SharedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConformanceSuite {
  static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  @TempDir static Path dataDir;

  static TestCairn cairn;
  static OciClient oci;

  @BeforeAll
  static void start() throws Exception {
    cairn = TestCairn.start(dataDir);
    oci = new OciClient(cairn.url());
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  static JsonObject find(JsonArray manifests, String digest) {
    for (int i = 0; i < manifests.size(); i++) {
      if (digest.equals(manifests.getJsonObject(i).getString("digest"))) {
        return manifests.getJsonObject(i);
      }
    }
    return null;
  }

  /** end-5: PATCH bytes {@code [from, to)} of {@code content}, with their Content-Range. */
  static Reply patch(String location, byte[] content, int from, int to) {
    return oci.patch(
        location,
        Arrays.copyOfRange(content, from, to),
        "Content-Type",
        "application/octet-stream",
        "Content-Range",
        from + "-" + (to - 1));
  }

  /** Follows {@code Link: <…>; rel="next"} from {@code first} to the end; returns every entry. */
  static List<String> followPages(String first, String field) {
    List<String> all = new ArrayList<>();
    String next = first;
    for (int pages = 0; next != null; pages++) {
      assertTrue(pages < 100, "paging does not end");
      Reply page = oci.get(next);
      assertEquals(200, page.status(), page::toString);
      all.addAll(strings(page.json().getJsonArray(field)));
      String link = page.header("Link");
      if (link == null) {
        next = null;
      } else {
        Matcher matcher = NEXT_LINK.matcher(link);
        assertTrue(matcher.find(), link);
        next = matcher.group(1);
      }
    }
    return all;
  }

  static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> out.add((String) value));
    }
    return out;
  }
}
