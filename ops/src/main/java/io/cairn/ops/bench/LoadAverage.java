package io.cairn.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average over 1, 5 and 15 minutes, and its processors: a lag measured on a
 * machine others are busy on says as much about them, so the report gives the reader this.
 */
record LoadAverage(double one, double five, double fifteen, int processors) {
  private static final Path PROC = Path.of("/proc/loadavg");

  /** Now; from {@code /proc/loadavg} on Linux, else the JVM's 1-minute figure alone. */
  static LoadAverage now() {
    int processors = Runtime.getRuntime().availableProcessors();
    try {
      String[] fields = Files.readString(PROC).trim().split("\\s+");
      return new LoadAverage(
          Double.parseDouble(fields[0]),
          Double.parseDouble(fields[1]),
          Double.parseDouble(fields[2]),
          processors);
    } catch (IOException | RuntimeException notLinux) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return new LoadAverage(one, Double.NaN, Double.NaN, processors);
    }
  }

  @Override
  public String toString() {
    return String.format(
        "%.2f %.2f %.2f (1, 5, 15 min; %d processors)", one, five, fifteen, processors);
  }
}
