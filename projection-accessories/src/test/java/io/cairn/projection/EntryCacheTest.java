package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EntryCacheTest {
  final EntryCache cache = new EntryCache(EnumSet.of(Store.PROJECTS, Store.VERDICTS));
  final AtomicInteger loads = new AtomicInteger();

  String load(String value) {
    loads.incrementAndGet();
    return value;
  }

  @Test
  void anEntryIsLoadedOnceUntilTheFoldChangesIt() {
    assertEquals("a", cache.get(Store.PROJECTS, "team", () -> load("a")));
    assertEquals("a", cache.get(Store.PROJECTS, "team", () -> load("b")));
    assertEquals(1, loads.get());
    cache.changed(new Change.Put(Store.PROJECTS, "team", "{}"));
    assertEquals("b", cache.get(Store.PROJECTS, "team", () -> load("b")));
    assertEquals(2, loads.get());
  }

  @Test
  void absenceIsKeptTooAndEndsWithAPut() {
    assertNull(cache.get(Store.VERDICTS, "r s", () -> load(null)));
    assertNull(cache.get(Store.VERDICTS, "r s", () -> load("never")));
    assertEquals(1, loads.get());
    cache.changed(new Change.Put(Store.VERDICTS, "r s", "{}"));
    assertEquals("v", cache.get(Store.VERDICTS, "r s", () -> load("v")));
  }

  @Test
  void otherKeysOtherStoresAndUncachedStoresAreIndependent() {
    cache.get(Store.PROJECTS, "team", () -> load("a"));
    cache.changed(new Change.Put(Store.PROJECTS, "other", "{}"));
    cache.changed(new Change.Delete(Store.VERDICTS, "team"));
    assertEquals("a", cache.get(Store.PROJECTS, "team", () -> load("x")));
    assertEquals("m", cache.get(Store.MANIFESTS, "k", () -> load("m")));
    assertEquals("n", cache.get(Store.MANIFESTS, "k", () -> load("n")), "never cached");
  }

  @Test
  void aLoadThatRacedAChangeOrAClearIsServedButNotKept() {
    String stale =
        cache.get(
            Store.PROJECTS,
            "team",
            () -> {
              cache.changed(new Change.Put(Store.PROJECTS, "team", "{}"));
              return load("old");
            });
    assertEquals("old", stale);
    assertEquals("new", cache.get(Store.PROJECTS, "team", () -> load("new")));

    cache.get(
        Store.VERDICTS,
        "r s",
        () -> {
          cache.clear();
          return load("before the clear");
        });
    assertEquals("after", cache.get(Store.VERDICTS, "r s", () -> load("after")));
  }
}
