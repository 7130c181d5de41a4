package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccessoryCacheTest {
  static final String SUBJECT = Store.key("library/app", "sha256:1");
  static final AccessoryEntry SIG =
      new AccessoryEntry("sha256:9", "signature.cosign", 1, null, null, null, false, 1);

  final AccessoryCache cache = new AccessoryCache();
  final AtomicInteger loads = new AtomicInteger();

  List<AccessoryEntry> load(List<AccessoryEntry> list) {
    loads.incrementAndGet();
    return list;
  }

  @Test
  void aListIsLoadedOnceUntilALinkOfItsSubjectChanges() {
    assertEquals(List.of(), cache.get(SUBJECT, () -> load(List.of())));
    assertEquals(List.of(), cache.get(SUBJECT, () -> load(List.of(SIG))));
    assertEquals(1, loads.get());

    cache.changed(new Change.Put(Store.ACCESSORIES, Store.key(SUBJECT, "sha256:9"), "{}"));
    assertEquals(List.of(SIG), cache.get(SUBJECT, () -> load(List.of(SIG))));
    assertEquals(2, loads.get());
  }

  @Test
  void otherStoresAndOtherSubjectsDoNotDropIt() {
    cache.get(SUBJECT, () -> load(List.of(SIG)));
    cache.changed(new Change.Put(Store.MANIFESTS, Store.key("library/app", "sha256:1"), "{}"));
    cache.changed(
        new Change.Delete(Store.ACCESSORIES, Store.key("library/app", "sha256:2", "sha256:9")));
    cache.get(SUBJECT, () -> load(List.of()));
    assertEquals(1, loads.get());
  }

  @Test
  void aLoadThatRacedAChangeIsServedButNotKept() {
    List<AccessoryEntry> stale =
        cache.get(
            SUBJECT,
            () -> {
              // The fold writes a new link while this read is scanning the store.
              cache.changed(
                  new Change.Put(Store.ACCESSORIES, Store.key(SUBJECT, "sha256:9"), "{}"));
              return load(List.of());
            });
    assertEquals(List.of(), stale);
    assertEquals(List.of(SIG), cache.get(SUBJECT, () -> load(List.of(SIG))));
  }

  @Test
  void aLoadThatRacedAClearIsNotKept() {
    cache.get(
        "library/app sha256:7",
        () -> {
          cache.clear();
          return load(List.of());
        });
    assertEquals(List.of(SIG), cache.get("library/app sha256:7", () -> load(List.of(SIG))));
  }

  @Test
  void clearForgetsEverything() {
    cache.get(SUBJECT, () -> load(List.of()));
    cache.clear();
    assertEquals(List.of(SIG), cache.get(SUBJECT, () -> load(List.of(SIG))));
  }
}
