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
 * @param replication whether to run only the replication lag load ({@link ReplicationBench})
 * @param rate that load's signed images per second
 */
public record BenchOptions(
    String target,
    boolean peer,
    int rounds,
    double seconds,
    int images,
    boolean trustOnly,
    Path profile,
    boolean replication,
    double rate) {
  private static final int ROUNDS = 3;
  private static final double SECONDS = 5;
  private static final int IMAGES = 200;

  /** Issue 10's replication load: 20 signed images/s for 60 s. */
  private static final double RATE = 20;

  private static final double REPLICATION_SECONDS = 60;

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
              seconds each measurement runs (default: %s; with --replication %s)
        --images N
              images each push round pushes (default: %d)
        --trust-only
              run only the content-trust and credential loads (default: all loads)
        --profile DIR
              write one Flight Recorder file per slice of those loads
              (DIR/roundN-LOAD-SLICE.jfr, for `jfr print`; default: none)
        --replication
              run only the replication lag load: two Cairns here, the first replicating to the
              second by an event_based policy, signed images pushed to the first at --rate for
              --seconds; reports the lag from each signature's 201 at the first to its arrival
              at the second (default: the other loads)
        --rate N
              signed images per second of --replication (default: %s)
        -h, --help
              print this text
      """
          .formatted(ROUNDS, SECONDS, REPLICATION_SECONDS, IMAGES, RATE);

  public static BenchOptions parse(String[] args) {
    String target = null;
    boolean peer = true;
    int rounds = ROUNDS;
    Double seconds = null;
    int images = IMAGES;
    boolean trustOnly = false;
    Path profile = null;
    boolean replication = false;
    Double rate = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--target" -> target = value(args, ++i);
        case "--no-peer" -> peer = false;
        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
        case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
        case "--images" -> images = Integer.parseInt(value(args, ++i));
        case "--trust-only" -> trustOnly = true;
        case "--profile" -> profile = Path.of(value(args, ++i));
        case "--replication" -> replication = true;
        case "--rate" -> rate = Double.parseDouble(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown bench option " + args[i]);
      }
    }
    if (!replication) {
      if (rate != null) {
        throw new IllegalArgumentException("--rate applies to --replication only");
      }
      return new BenchOptions(
          target,
          peer,
          rounds,
          seconds == null ? SECONDS : seconds,
          images,
          trustOnly,
          profile,
          false,
          RATE);
    }
    // it starts both Cairns itself, and runs no other load
    if (target != null || trustOnly) {
      throw new IllegalArgumentException("--replication takes neither --target nor --trust-only");
    }
    seconds = seconds == null ? REPLICATION_SECONDS : seconds;
    rate = rate == null ? RATE : rate;
    if (!(rate > 0) || !(seconds > 0) || rate * seconds < 1) {
      throw new IllegalArgumentException(
          "--replication needs a positive --rate and --seconds that make at least one image");
    }
    return new BenchOptions(null, peer, rounds, seconds, images, false, profile, true, rate);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
