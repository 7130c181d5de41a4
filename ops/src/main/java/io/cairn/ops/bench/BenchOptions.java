package io.cairn.ops.bench;

import java.nio.file.Path;

/**
 * {@code cairn bench} settings.
 *
 * @param target a running Cairn's URL, or {@code null} to start one here
 * @param peer whether to measure CNCF distribution beside it (when installed)
 * @param trustOnly whether to run only the trust and credential loads ({@link TrustBench})
 * @param profile a folder for one Flight Recorder file per trust load ({@link LoadProfiler}), or
 *     {@code null}
 */
public record BenchOptions(
    String target,
    boolean peer,
    int rounds,
    double seconds,
    int images,
    boolean trustOnly,
    Path profile) {

  public static BenchOptions parse(String[] args) {
    String target = null;
    boolean peer = true;
    int rounds = 3;
    double seconds = 5;
    int images = 200;
    boolean trustOnly = false;
    Path profile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--target" -> target = value(args, ++i);
        case "--no-peer" -> peer = false;
        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
        case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
        case "--images" -> images = Integer.parseInt(value(args, ++i));
        case "--trust-only" -> trustOnly = true;
        case "--profile" -> profile = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown bench option " + args[i]);
      }
    }
    return new BenchOptions(target, peer, rounds, seconds, images, trustOnly, profile);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
