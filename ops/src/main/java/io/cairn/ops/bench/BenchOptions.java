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
  private static final int ROUNDS = 3;
  private static final double SECONDS = 5;
  private static final int IMAGES = 200;

  /** {@code cairn bench --help}; the defaults are the constants {@link #parse} starts from. */
  public static final String USAGE =
      """
      usage: cairn bench [options]

      Measures pull, push and sign-in throughput of a Cairn (started here on an embedded broker,
      unless --target) and of CNCF distribution beside it when its binary is installed.

      Options:
        --target URL
              a running Cairn to measure; needs CAIRN_ADMIN_PASSWORD, since the bench pushes
              (default: start one here)
        --no-peer
              do not measure CNCF distribution (default: measure it when installed)
        --rounds N
              measured rounds, after one warm-up round (default: %d)
        --seconds S
              seconds each measurement runs (default: %s)
        --images N
              images each push round pushes (default: %d)
        --trust-only
              run only the content-trust and credential loads (default: all loads)
        --profile DIR
              write one Flight Recorder file per slice of those loads
              (DIR/roundN-LOAD-SLICE.jfr, for `jfr print`; default: none)
        -h, --help
              print this text
      """
          .formatted(ROUNDS, SECONDS, IMAGES);

  public static BenchOptions parse(String[] args) {
    String target = null;
    boolean peer = true;
    int rounds = ROUNDS;
    double seconds = SECONDS;
    int images = IMAGES;
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
