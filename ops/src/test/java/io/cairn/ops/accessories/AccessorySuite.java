package io.cairn.ops.accessories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A Cairn of their own for the accessory tests, the cosign fixtures, and their common steps. */
@ExtendWith(SharedKafka.class)
abstract class AccessorySuite {
  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient client;
  static final FixtureLayout cosign = FixtureLayout.cosign();

  @BeforeAll
  static void startCairn() throws Exception {
    cairn = TestCairn.start(dataDir);
    client = new RegistryClient(cairn.url());
  }

  @AfterAll
  static void stopCairn() {
    if (cairn != null) {
      cairn.close();
    }
  }

  /** Stops, deletes the projection's state, starts again on the same log, and reconnects. */
  static void rebuild() throws Exception {
    cairn = cairn.rebuild();
    client = new RegistryClient(cairn.url());
  }

  /** The cosign fixtures' {@code app:v1} image, as {@code v1} of {@code repo}. */
  static void pushApp(String repo) throws Exception {
    expect201(cosign.push(client, "app:v1", repo, "v1"));
  }

  static void expect201(HttpResponse<String> response) {
    assertEquals(201, response.statusCode(), response::body);
  }
}
