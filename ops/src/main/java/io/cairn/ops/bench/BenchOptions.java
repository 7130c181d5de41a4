package io.cairn.ops.bench;

/**
 * {@code cairn bench} settings.
 *
 * @param target a running Cairn's URL, or {@code null} to start one here
 * @param peer whether to measure CNCF distribution beside it (when installed)
 */
public record BenchOptions(String target, boolean peer, int rounds, double seconds, int images) {

  public static BenchOptions parse(String[] args) {
    String target = null;
    boolean peer = true;
    int rounds = 3;
    double seconds = 5;
    int images = 200;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--target" -> target = value(args, ++i);
        case "--no-peer" -> peer = false;
        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
        case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
        case "--images" -> images = Integer.parseInt(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown bench option " + args[i]);
      }
    }
    return new BenchOptions(target, peer, rounds, seconds, images);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
