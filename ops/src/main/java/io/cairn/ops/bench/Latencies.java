package io.cairn.ops.bench;

import java.util.Arrays;

/** Request latencies of one run, in nanoseconds; percentiles over all of them. Thread-safe. */
final class Latencies {
  private long[] values = new long[1 << 16];
  private int size;

  synchronized void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  /** Adds every latency of {@code other} (e.g. another slice of the same load). */
  void addAll(Latencies other) {
    long[] theirs;
    synchronized (other) {
      theirs = Arrays.copyOf(other.values, other.size);
    }
    for (long nanos : theirs) {
      record(nanos);
    }
  }

  /** The {@code p}-th percentile (0–100) in milliseconds. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
