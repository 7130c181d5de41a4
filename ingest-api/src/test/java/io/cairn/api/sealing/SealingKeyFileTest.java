package io.cairn.api.sealing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeyFileTest {
  @TempDir Path data;

  @Test
  void theFirstStartMakesAnOwnerOnlyKeyAndLaterStartsReadIt() throws Exception {
    Path auth = data.resolve("auth");
    SealingKey made = SealingKeyFile.openOrCreate(auth, Map.of());
    Path file = auth.resolve(SealingKeyFile.NAME);
    assertEquals(file, made.file());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)));
    assertEquals(32, Files.size(file));
    assertFalse(Files.exists(auth.resolve(SealingKeyFile.NAME + ".tmp")));

    SealingKey read = SealingKeyFile.openOrCreate(auth, Map.of(made.id(), 3));
    assertEquals(made.id(), read.id());
    assertArrayEquals(made.encoded(), read.encoded());
  }

  @Test
  void anExistingAuthDirectoryIsMadeOwnerOnly() throws Exception {
    Path auth = Files.createDirectories(data.resolve("auth"));
    Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rwxr-xr-x"));
    SealingKeyFile.openOrCreate(auth, Map.of());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)));
  }

  @Test
  void aMissingKeyIsNotReplacedWhileTheLogHoldsValuesSealedWithIt() {
    Path auth = data.resolve("auth");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SealingKeyFile.openOrCreate(auth, Map.of("lostKeyId01", 2)));
    assertTrue(
        e.getMessage().contains(auth.resolve(SealingKeyFile.NAME).toString()), e.getMessage());
    assertTrue(e.getMessage().contains("key lostKeyId01 (2 accounts)"), e.getMessage());
    assertFalse(Files.exists(auth.resolve(SealingKeyFile.NAME)), "no new key was made");
  }

  @Test
  void aKeyWrittenByHandIsUsedEvenIfTheLogNeedsAnother() throws Exception {
    Path auth = Files.createDirectories(data.resolve("auth"));
    byte[] raw = new byte[32];
    raw[5] = 1;
    Files.write(auth.resolve(SealingKeyFile.NAME), raw);
    SealingKey key = SealingKeyFile.openOrCreate(auth, Map.of("lostKeyId01", 2));
    assertEquals(new SealingKey(raw, auth).id(), key.id());
  }

  @Test
  void aFileThatIsNotAKeyStopsTheStart() throws Exception {
    Path auth = Files.createDirectories(data.resolve("auth"));
    Files.write(auth.resolve(SealingKeyFile.NAME), new byte[31]);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> SealingKeyFile.openOrCreate(auth, Map.of()));
    assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
  }

  @Test
  void twoDataDirectoriesGetTwoKeys() throws Exception {
    SealingKey a = SealingKeyFile.openOrCreate(data.resolve("a"), Map.of());
    SealingKey b = SealingKeyFile.openOrCreate(data.resolve("b"), Map.of());
    assertNotEquals(a.id(), b.id());
  }
}
