package io.cairn.blob;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * A deterministic stream of any length, generated almost for free: one pseudo-random 1 MiB block
 * repeated, each copy stamped with its index in its first 8 bytes so that a lost, repeated or
 * reordered block changes the digest.
 */
final class PatternStream extends InputStream {

  private static final int BLOCK_SIZE = 1 << 20;

  private final byte[] block = new byte[BLOCK_SIZE];
  private final long size;
  private long position;

  PatternStream(long size, long seed) {
    this.size = size;
    new Random(seed).nextBytes(block);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (position == size) {
      return -1;
    }
    int inBlock = (int) (position % BLOCK_SIZE);
    if (inBlock == 0) {
      ByteBuffer.wrap(block).putLong(0, position / BLOCK_SIZE);
    }
    int n = (int) Math.min(Math.min(length, BLOCK_SIZE - inBlock), size - position);
    System.arraycopy(block, inBlock, target, offset, n);
    position += n;
    return n;
  }
}
