package io.cairn.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
  @TempDir Path dataDir;

  @Test
  void aSecondCairnOnTheSameDataDirectoryIsRefusedUntilTheFirstStops() throws Exception {
    DataDirLock first = DataDirLock.acquire(dataDir);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> DataDirLock.acquire(dataDir));
    assertTrue(refused.getMessage().contains(dataDir.toAbsolutePath().toString()));

    first.close();
    DataDirLock.acquire(dataDir).close();
  }

  @Test
  void anotherDataDirectoryIsIndependent() throws Exception {
    try (DataDirLock a = DataDirLock.acquire(dataDir.resolve("a"));
        DataDirLock b = DataDirLock.acquire(dataDir.resolve("b"))) {
      assertTrue(a != b);
    }
  }
}
