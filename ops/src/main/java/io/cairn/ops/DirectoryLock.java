package io.cairn.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One embedded broker per Kafka directory, taken before the broker starts: a second Cairn on the
 * same data directory would otherwise start a KRaft controller on the first one's metadata log
 * before the broker's own log-dir lock refuses it, and damage the running instance. (Cairns on an
 * external cluster may share a data directory: blobs are content-addressed and published by atomic
 * rename, and each projection locks its own state directory.)
 */
final class DirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws IllegalStateException when another process, or another Cairn in this one, holds it
   */
  static DirectoryLock acquire(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(".lock");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "another Cairn's embedded broker is already using "
              + dir.toAbsolutePath()
              + " ("
              + file
              + " is locked)");
    }
    return new DirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
