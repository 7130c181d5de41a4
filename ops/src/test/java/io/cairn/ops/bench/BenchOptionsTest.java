package io.cairn.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--rate 5",
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
