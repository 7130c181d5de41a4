package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  @Test
  void limitsTheRateAndKeepsTheBytes() throws IOException {
    byte[] data = new byte[96 * 1024];
    new Random(1).nextBytes(data);
    Throttle throttle = Throttle.kilobytesPerSecond(256); // 96 KiB should take ~0.375 s
    long start = System.nanoTime();
    byte[] read;
    try (InputStream in = throttle.wrap(new ByteArrayInputStream(data))) {
      read = in.readAllBytes();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertArrayEquals(data, read);
    assertTrue(millis >= 300, "took only " + millis + " ms");
    assertTrue(millis < 2000, "took " + millis + " ms");
  }

  @Test
  void zeroIsUnlimitedAndLeavesTheStreamAlone() {
    InputStream in = new ByteArrayInputStream(new byte[1]);
    assertSame(in, Throttle.kilobytesPerSecond(0).wrap(in));
  }

  @Test
  void negativeRatesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Throttle.bytesPerSecond(-1));
    assertThrows(IllegalArgumentException.class, () -> Throttle.kilobytesPerSecond(-5));
  }
}
