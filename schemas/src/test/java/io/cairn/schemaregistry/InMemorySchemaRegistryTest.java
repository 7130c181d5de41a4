package io.cairn.schemaregistry;

import static io.cairn.schemaregistry.TestSchemas.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest extends SchemaRegistryContract {

  @Override
  protected SchemaRegistry newRegistry() {
    return new InMemorySchemaRegistry();
  }

  @Test
  void concurrentRegistersGetDistinctIdsAndVersions() throws Exception {
    registry.setCompatibility(null, "NONE");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String schema = record("{\"name\":\"f" + i + "\",\"type\":\"int\"}");
      ids.add(pool.submit(() -> registry.register("s", schema)));
    }
    Set<Integer> distinct = new TreeSet<>();
    for (Future<Integer> id : ids) {
      distinct.add(id.get());
    }
    pool.shutdown();
    assertEquals(40, distinct.size());
    assertEquals(40, registry.versions("s").size());
    assertEquals(40, (int) ((TreeSet<Integer>) distinct).last());
  }
}
