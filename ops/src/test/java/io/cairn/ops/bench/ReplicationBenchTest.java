package io.cairn.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The replication lag bench, briefly and for real: two Cairns on brokers of their own, an
 * event-based policy, signed images pushed at 5/s for 3 s. Asserts that each arrived with its
 * signature and the report says so, not how fast: timing on a shared machine is the bench's to
 * report, not a test's to judge.
 */
class ReplicationBenchTest {

  @Test
  void everySignedImageArrivesAndTheReportSaysSo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    ReplicationResult result = new ReplicationBench(5, 3, Duration.ZERO, out).run();
    String report = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(report); // the smoke run's numbers, for whoever reads the test output

    assertEquals(15, result.pushes().scheduled(), report);
    assertEquals(0, result.pushes().failures(), report);
    assertEquals(0, result.missing(), report);
    assertEquals(List.of(), result.wrongSubjects(), report);
    assertEquals(15, result.targetImages(), report);
    assertEquals(15, result.targetSignatures(), report);
    assertEquals(List.of("signature.cosign"), result.sourceTypes(), report);
    assertEquals(List.of("signature.cosign"), result.targetTypes(), report);
    assertTrue(result.complete(), report);
    assertTrue(result.polls() >= 15, report);

    assertTrue(report.contains("load average at start "), report);
    assertTrue(
        Pattern.compile("(?m)^pushed 15 of 15 signed images scheduled at 5\\.0/s for 3 s")
            .matcher(report)
            .find(),
        report);
    assertTrue(
        Pattern.compile(
                "(?m)^cairn->cairn +15 +(\\d+\\.\\d) +(\\d+\\.\\d) +(\\d+\\.\\d) +(\\d+\\.\\d)$")
            .matcher(report)
            .find(),
        report);
    assertTrue(
        Pattern.compile("(?m)^replication throughput: 15 images at the target [0-9.]+ s after")
            .matcher(report)
            .find(),
        report);
    assertTrue(report.contains("never arrived within 30 s after the load: 0 (must be 0)"), report);
    assertTrue(
        report.contains("the target lists 15 of the load's images and 15 signatures"), report);
    assertTrue(Pattern.compile("(?m)^probe: .* \\d+ polls in ").matcher(report).find(), report);
    assertTrue(
        Pattern.compile("(?m)^lag p99 .*(met|NOT met) \\(target").matcher(report).find(), report);
    assertFalse(report.contains("INCOMPLETE"), report);
    assertFalse(report.contains("all pushed *"), "nothing was missing: " + report);
  }
}
