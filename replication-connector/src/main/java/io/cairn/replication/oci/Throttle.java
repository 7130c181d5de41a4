package io.cairn.replication.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A token bucket that limits the bytes per second read through the streams it wraps (Harbor's
 * {@code speed} option). One throttle shared by several streams limits their sum. Thread-safe.
 */
public final class Throttle {
  private static final Throttle UNLIMITED = new Throttle(0);

  /** Bytes per second; 0 means unlimited. */
  private final long rate;

  /** Tokens (bytes) available now; at most one second's worth, so a pause is not made up for. */
  private double tokens;

  private long lastRefillNanos = System.nanoTime();

  private Throttle(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bandwidth must be 0 (unlimited) or positive");
    }
    this.rate = bytesPerSecond;
  }

  public static Throttle unlimited() {
    return UNLIMITED;
  }

  /** At most {@code bytesPerSecond}; 0 means unlimited. */
  public static Throttle bytesPerSecond(long bytesPerSecond) {
    return bytesPerSecond == 0 ? UNLIMITED : new Throttle(bytesPerSecond);
  }

  /** From Harbor's {@code speed} setting, in KB/s (1 KB = 1024 bytes); 0 means unlimited. */
  public static Throttle kilobytesPerSecond(int speed) {
    return bytesPerSecond(speed * 1024L);
  }

  public long rate() {
    return rate;
  }

  /** The stream, read no faster than this throttle allows. Closing it closes {@code in}. */
  public InputStream wrap(InputStream in) {
    return rate == 0 ? in : new Throttled(in);
  }

  /** Blocks until {@code n} bytes may pass. */
  void acquire(int n) throws InterruptedIOException {
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      tokens = Math.min(rate, tokens + (now - lastRefillNanos) * rate / 1e9);
      lastRefillNanos = now;
      tokens -= n; // may go negative: the debt is paid by waiting below
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / rate);
    }
    if (waitNanos > 0) {
      try {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while throttled");
      }
    }
  }

  private final class Throttled extends FilterInputStream {
    Throttled(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        acquire(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      // Reads of at most a tenth of a second's worth keep the flow smooth.
      int n = in.read(buf, off, (int) Math.max(1, Math.min(len, rate / 10 + 1)));
      if (n > 0) {
        acquire(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }
  }
}
