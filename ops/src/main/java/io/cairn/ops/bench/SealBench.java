package io.cairn.ops.bench;

import io.cairn.api.auth.SecretHash;
import io.cairn.api.sealing.CannotOpenException;
import io.cairn.api.sealing.Purpose;
import io.cairn.api.sealing.SealedForm;
import io.cairn.api.sealing.SealingKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * What sealing adds to a password check: parsing a sealed value and opening it (AES-256-GCM), as
 * {@code StoredSecrets} does once per KDF verification, against the KDF itself. A plain loop on one
 * thread, warmed up, median of several rounds:
 *
 * <pre>
 * java -cp "ops/target/cairn-ops-0.1.0-SNAPSHOT.jar:ops/target/lib/*" io.cairn.ops.bench.SealBench
 * </pre>
 */
public final class SealBench {
  private static final int ROUNDS = 7;
  private static final int PER_ROUND = 100_000;

  private SealBench() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static void run(PrintStream out) throws CannotOpenException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    SealingKey key = new SealingKey(raw, Path.of("secret-sealing.key"));
    SecretHash kdf = new SecretHash(SecretHash.DEFAULT_ITERATIONS);
    String hash = kdf.hash("Bench-Passw0rd");
    String sealed = key.seal(Purpose.USER_PASSWORD, "bench-user", hash);

    long sink = 0;
    for (int i = 0; i < PER_ROUND * 2; i++) { // warm-up: let the JIT compile both paths
      sink += open(key, sealed).length() + key.seal(Purpose.USER_PASSWORD, "w", hash).length();
    }
    double[] opens = new double[ROUNDS];
    double[] seals = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < PER_ROUND; i++) {
        sink += open(key, sealed).length();
      }
      opens[r] = (System.nanoTime() - start) / (double) PER_ROUND;
      start = System.nanoTime();
      for (int i = 0; i < PER_ROUND; i++) {
        sink += key.seal(Purpose.USER_PASSWORD, "bench-user", hash).length();
      }
      seals[r] = (System.nanoTime() - start) / (double) PER_ROUND;
    }
    long kdfStart = System.nanoTime();
    boolean ok = kdf.verify("Bench-Passw0rd", open(key, sealed));
    double kdfMicros = (System.nanoTime() - kdfStart) / 1e3;

    double open = median(opens) / 1e3;
    out.printf(
        "unseal (parse + AES-256-GCM open) per verification: %.2f µs (median of %d x %d;"
            + " rounds %s)%n",
        open, ROUNDS, PER_ROUND, micros(opens));
    out.printf(
        "seal per new secret: %.2f µs (median; rounds %s)%n", median(seals) / 1e3, micros(seals));
    out.printf(
        "PBKDF2 verify, %d iterations: %.0f µs (one run, %s): unsealing adds %.4f%%%n",
        SecretHash.DEFAULT_ITERATIONS,
        kdfMicros,
        ok ? "matched" : "MISMATCH",
        100 * open / kdfMicros);
    if (sink == 42) {
      out.println(); // keeps the loops' results alive
    }
  }

  private static String open(SealingKey key, String sealed) throws CannotOpenException {
    return key.open(Purpose.USER_PASSWORD, "bench-user", SealedForm.parse(sealed));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String micros(double[] nanos) {
    StringBuilder out = new StringBuilder();
    for (double n : nanos) {
      out.append(out.isEmpty() ? "" : " ").append(String.format("%.2f", n / 1e3));
    }
    return out.toString();
  }
}
