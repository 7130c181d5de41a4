package io.cairn.ops.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Minimal, deterministic POSIX ustar archives for image layers: regular files (mode 0644) and their
 * parent directories (0755), owner 0:0, mtime 0, entries in name order, ended by two zero blocks.
 * Same input, same bytes, on every machine.
 */
public final class OciLayoutTar {
  private static final int BLOCK = 512;

  private OciLayoutTar() {}

  /**
   * A tar of {@code files} (relative paths with {@code /}, no leading slash, each ≤ 100 bytes).
   * Parent directories get entries of their own before their first file.
   */
  public static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Set<String> dirs = new HashSet<>();
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      String name = file.getKey();
      for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
        String dir = name.substring(0, slash + 1);
        if (dirs.add(dir)) {
          out.writeBytes(header(dir, 0, '5', 0755));
        }
      }
      byte[] content = file.getValue();
      out.writeBytes(header(name, content.length, '0', 0644));
      out.writeBytes(content);
      out.writeBytes(new byte[padding(content.length)]);
    }
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  /** gzip with a zero mtime in the header (java.util.zip always writes 0), so deterministic. */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static byte[] header(String name, long size, char type, int mode) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100 || name.startsWith("/")) {
      throw new IllegalArgumentException(
          "tar entry name must be relative and ≤ 100 bytes: " + name);
    }
    byte[] h = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0); // mtime
    h[156] = (byte) type;
    ascii(h, 257, "ustar\0");
    ascii(h, 263, "00");
    ascii(h, 265, "root");
    ascii(h, 297, "root");
    // The checksum counts its own field as eight spaces.
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    ascii(h, 148, String.format("%06o", sum) + "\0 ");
    return h;
  }

  /** {@code width - 1} zero-padded octal digits and a NUL. */
  private static void octal(byte[] h, int offset, int width, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > width - 1) {
      throw new IllegalArgumentException(value + " does not fit a tar field of " + width);
    }
    ascii(h, offset, "0".repeat(width - 1 - digits.length()) + digits + "\0");
  }

  private static void ascii(byte[] h, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, bytes.length);
  }
}
