package io.cairn.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bulk replication bench, briefly and for real: two Cairns, five signed images, one round of a
 * manual execution and (when installed) skopeo sync. Asserts that both copies are whole and the
 * report says so, not how fast: timing on a shared machine is the bench's to report.
 */
class ReplicationSyncBenchTest {

  @Test
  void bothCopiesAreWholeAndTheReportSaysSo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    SyncResult result = new ReplicationSyncBench(5, 1, true, null, out).run();
    String report = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(report); // the smoke run's numbers, for whoever reads the test output

    assertTrue(result.complete(), report);
    assertEquals(1, result.rounds().size(), report);
    SyncResult.Round round = result.rounds().get(0);
    assertTrue(round.cairnFirst(), report);
    assertEquals(new SyncResult.Copy(5, 5, 0, 0), round.cairnCopy(), report);
    assertTrue(report.contains("load average at start "), report);
    assertTrue(
        report.contains(
            "cairn's copy at the target: 5 of 5 images, 5 of 5 signatures; subjects missing or"
                + " wrong: 0; signatures not linked to their subject as signature.cosign: 0"),
        report);
    if (result.skopeo().isPresent()) {
      assertEquals(5, round.skopeoCopy().images(), report);
      assertEquals(5, round.skopeoCopy().signatures(), report);
      assertTrue(
          Pattern.compile("(?m)^1 +cairn +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+x$")
              .matcher(report)
              .find(),
          report);
      assertTrue(
          Pattern.compile("(?m)^median ratio cairn/skopeo [0-9.]+x: (met|NOT met)")
              .matcher(report)
              .find(),
          report);
    } else {
      assertTrue(report.contains("skopeo is not installed: Cairn alone"), report);
    }
    assertFalse(report.contains("INCOMPLETE"), report);
  }
}
