package io.cairn.ops.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository outlives its last artifact, as in Harbor (where only deleting the repository itself
 * removes it): the catalog keeps listing it, Harbor's API shows it with {@code artifact_count} 0,
 * and pushing to it again works.
 */
@ExtendWith(SharedKafka.class)
class RepositoryLifetimeTest {
  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void aRepositoryStaysListedAfterItsLastArtifactIsDeleted() throws Exception {
    Digest image = admin.pushImage("library/gone", "v1");
    HttpResponse<String> deleted = admin.delete("/v2/library/gone/manifests/" + image);
    assertEquals(202, deleted.statusCode(), deleted.body());
    assertEquals(404, admin.get("/v2/library/gone/manifests/v1").statusCode());

    HttpResponse<String> catalog = admin.get("/v2/_catalog");
    assertTrue(
        new JsonObject(catalog.body()).getJsonArray("repositories").contains("library/gone"),
        catalog.body());
    HttpResponse<String> repository = admin.get("/api/v2.0/projects/library/repositories/gone");
    assertEquals(200, repository.statusCode(), repository.body());
    assertEquals(0, new JsonObject(repository.body()).getInteger("artifact_count"));

    admin.pushImage("library/gone", "v2");
    assertEquals(200, admin.get("/v2/library/gone/manifests/v2").statusCode());
  }
}
