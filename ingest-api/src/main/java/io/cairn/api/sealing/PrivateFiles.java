package io.cairn.api.sealing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where Cairn keeps its secrets (the token and sealing keys, the Kafka credentials): files only
 * their owner may read (0600) in a directory only its owner may enter (0700). On a filesystem
 * without POSIX permissions the files are still written, without them.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private PrivateFiles() {}

  /** Creates {@code dir} (with its parents) if missing, and makes it owner-only either way. */
  public static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    } catch (UnsupportedOperationException notPosix) {
      // nothing to tighten on such a filesystem
    }
  }

  /**
   * Writes {@code bytes} to {@code file} in {@link #directory}-made {@code file.getParent()}: under
   * a temporary name created 0600 (never readable by others, not even for a moment), forced to
   * disk, then renamed over {@code file}, so a crash leaves the old file or the whole new one.
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    directory(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel out = create(tmp)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    try {
      Files.setPosixFilePermissions(tmp, FILE); // exactly 0600, whatever the umask took away
    } catch (UnsupportedOperationException notPosix) {
      // written without permissions on such a filesystem
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** As {@link #write(Path, byte[])}, for text (UTF-8). */
  public static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether anyone but the owner may read or write {@code file}; false without POSIX modes. */
  public static boolean openToOthers(Path file) throws IOException {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      return mode.stream().anyMatch(OTHERS::contains);
    } catch (UnsupportedOperationException notPosix) {
      return false;
    }
  }

  private static FileChannel create(Path file) throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(FILE);
      return FileChannel.open(file, options, ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(file, options);
    }
  }
}
