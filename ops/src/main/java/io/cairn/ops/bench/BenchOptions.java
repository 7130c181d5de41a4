package io.cairn.ops.bench;

import java.nio.file.Path;
import java.time.Duration;

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
 * @param warmup how long that load runs unmeasured first ({@link ReplicationBench#WARMUP})
 * @param replicationSync whether to run only the bulk replication load ({@link
 *     ReplicationSyncBench})
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
    double rate,
    Duration warmup,
    boolean replicationSync) {
  private static final int ROUNDS = 3;
  private static final double SECONDS = 5;
  private static final int IMAGES = 200;

  /** Issue 10's replication load: 20 signed images/s for 60 s. */
  private static final double RATE = 20;

  private static final double REPLICATION_SECONDS = 60;

  /** Issue 10's bulk load: 1,000 small signed images, synced in two rounds (each first once). */
  private static final int SYNC_IMAGES = 1000;

  private static final int SYNC_ROUNDS = 2;

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
              do not measure CNCF distribution, nor with --replication-sync skopeo (default:
              measure the peer when installed)
        --rounds N
              measured rounds, after one warm-up round (default: %d; with --replication-sync %d)
        --seconds S
              seconds each measurement runs (default: %s; with --replication %s)
        --images N
              images each push round pushes (default: %d; with --replication-sync, signed images
              in the synced repository: %d)
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
        --warmup S
              seconds --replication pushes at --rate before the measured load, which then
              starts after 15 s idle (default: %d)
        --replication-sync
              run only the bulk replication load: two Cairns here, --images signed images (an
              image and its cosign .sig tag each) pushed into one repository of the first; then
              per round, one after the other in alternating order, a manual execution of a policy
              selecting it to the second (from the POST until Succeed) and `skopeo sync` of the
              same repository into the second (its wall time, when skopeo is installed and not
              --no-peer); reports images/s of each and their ratio; --profile records each
              execution (DIR/roundN-cairn.jfr) (default: the other loads)
        -h, --help
              print this text
      """
          .formatted(
              ROUNDS,
              SYNC_ROUNDS,
              SECONDS,
              REPLICATION_SECONDS,
              IMAGES,
              SYNC_IMAGES,
              RATE,
              ReplicationBench.WARMUP.toSeconds());

  public static BenchOptions parse(String[] args) {
    String target = null;
    boolean peer = true;
    Integer rounds = null;
    Double seconds = null;
    Integer images = null;
    boolean trustOnly = false;
    Path profile = null;
    boolean replication = false;
    Double rate = null;
    Duration warmup = null;
    boolean replicationSync = false;
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
        case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
        case "--replication-sync" -> replicationSync = true;
        default -> throw new IllegalArgumentException("unknown bench option " + args[i]);
      }
    }
    if (replicationSync) {
      // it starts both Cairns itself, runs no other load, and runs to the end of its copies
      if (target != null
          || trustOnly
          || replication
          || seconds != null
          || rate != null
          || warmup != null) {
        throw new IllegalArgumentException(
            "--replication-sync takes none of --target, --trust-only, --replication, --seconds,"
                + " --rate, --warmup");
      }
      rounds = rounds == null ? SYNC_ROUNDS : rounds;
      images = images == null ? SYNC_IMAGES : images;
      if (rounds < 1 || images < 1) {
        throw new IllegalArgumentException("--replication-sync needs --rounds and --images >= 1");
      }
      return new BenchOptions(
          null, peer, rounds, SECONDS, images, false, profile, false, RATE, Duration.ZERO, true);
    }
    rounds = rounds == null ? ROUNDS : rounds;
    images = images == null ? IMAGES : images;
    if (!replication) {
      if (rate != null || warmup != null) {
        throw new IllegalArgumentException("--rate and --warmup apply to --replication only");
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
          RATE,
          Duration.ZERO,
          false);
    }
    // it starts both Cairns itself, and runs no other load
    if (target != null || trustOnly) {
      throw new IllegalArgumentException("--replication takes neither --target nor --trust-only");
    }
    seconds = seconds == null ? REPLICATION_SECONDS : seconds;
    rate = rate == null ? RATE : rate;
    warmup = warmup == null ? ReplicationBench.WARMUP : warmup;
    if (!(rate > 0) || !(seconds > 0) || rate * seconds < 1) {
      throw new IllegalArgumentException(
          "--replication needs a positive --rate and --seconds that make at least one image");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup needs seconds >= 0");
    }
    return new BenchOptions(
        null, peer, rounds, seconds, images, false, profile, true, rate, warmup, false);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
