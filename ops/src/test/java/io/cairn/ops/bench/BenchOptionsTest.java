package io.cairn.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchOptionsTest {

  @Test
  void replicationDefaultsToIssueTensLoad() {
    BenchOptions options = BenchOptions.parse(new String[] {"--replication"});
    assertTrue(options.replication());
    assertEquals(20, options.rate());
    assertEquals(60, options.seconds());
    assertEquals(Duration.ofSeconds(120), options.warmup());
  }

  @Test
  void replicationTakesAWarmUp() {
    BenchOptions options = BenchOptions.parse(new String[] {"--replication", "--warmup", "30"});
    assertEquals(Duration.ofSeconds(30), options.warmup());
    assertEquals(
        Duration.ZERO,
        BenchOptions.parse(new String[] {"--replication", "--warmup", "0"}).warmup());
  }

  @Test
  void replicationTakesRateAndSeconds() {
    BenchOptions options =
        BenchOptions.parse(new String[] {"--replication", "--rate", "5", "--seconds", "3"});
    assertEquals(5, options.rate());
    assertEquals(3, options.seconds());
  }

  @Test
  void withoutReplicationSecondsKeepsItsOwnDefault() {
    BenchOptions options = BenchOptions.parse(new String[] {});
    assertFalse(options.replication());
    assertEquals(5, options.seconds());
  }

  @Test
  void replicationSyncDefaultsToIssueTensThousandImagesInTwoRounds() {
    BenchOptions options = BenchOptions.parse(new String[] {"--replication-sync"});
    assertTrue(options.replicationSync());
    assertFalse(options.replication());
    assertEquals(1000, options.images());
    assertEquals(2, options.rounds());
    assertTrue(options.peer());
  }

  @Test
  void replicationSyncTakesImagesRoundsNoPeerAndProfile() {
    BenchOptions options =
        BenchOptions.parse(
            "--replication-sync --images 20 --rounds 3 --no-peer --profile /tmp/p".split(" "));
    assertEquals(20, options.images());
    assertEquals(3, options.rounds());
    assertFalse(options.peer());
    assertEquals("/tmp/p", options.profile().toString());
  }

  @Test
  void theOtherLoadsKeepTheirOwnImagesAndRounds() {
    BenchOptions options = BenchOptions.parse(new String[] {});
    assertFalse(options.replicationSync());
    assertEquals(200, options.images());
    assertEquals(3, options.rounds());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--replication-sync --replication",
        "--replication-sync --target http://127.0.0.1:5000",
        "--replication-sync --trust-only",
        "--replication-sync --seconds 5",
        "--replication-sync --rate 5",
        "--replication-sync --warmup 5",
        "--replication-sync --images 0",
        "--replication-sync --rounds 0",
        "--replication-sync --images many"
      })
  void badReplicationSyncOptionsAreRefused(String args) {
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args.split(" ")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--rate 5",
        "--warmup 5",
        "--replication --warmup -1",
        "--replication --warmup soon",
        "--replication --target http://127.0.0.1:5000",
        "--replication --trust-only",
        "--replication --rate 0",
        "--replication --rate -1",
        "--replication --rate NaN",
        "--replication --rate fast",
        "--replication --seconds 0",
        "--replication --rate 0.1 --seconds 5",
        "--replication --rate"
      })
  void badReplicationOptionsAreRefused(String args) {
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args.split(" ")));
  }
}
