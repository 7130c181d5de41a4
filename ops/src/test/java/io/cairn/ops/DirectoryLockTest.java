package io.cairn.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
  @TempDir Path dir;

  @Test
  void aSecondHolderIsRefusedUntilTheFirstReleases() throws Exception {
    DirectoryLock first = DirectoryLock.acquire(dir);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> DirectoryLock.acquire(dir));
    assertTrue(refused.getMessage().contains(dir.toAbsolutePath().toString()));

    first.close();
    DirectoryLock.acquire(dir).close();
  }

  @Test
  void anotherDataDirectoryIsIndependent() throws Exception {
    try (DirectoryLock a = DirectoryLock.acquire(dir.resolve("a"));
        DirectoryLock b = DirectoryLock.acquire(dir.resolve("b"))) {
      assertTrue(a != b);
    }
  }
}
