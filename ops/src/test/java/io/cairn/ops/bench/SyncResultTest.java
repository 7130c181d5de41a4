package io.cairn.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncResultTest {
  static final LoadAverage LOAD = new LoadAverage(1, 1, 1, 2);
  static final SyncResult.Copy WHOLE = new SyncResult.Copy(10, 10, 0, 0);

  static SyncResult.Round round(int n, double cairnSeconds, double skopeoSeconds) {
    return new SyncResult.Round(n, n % 2 == 1, cairnSeconds, skopeoSeconds, WHOLE, WHOLE);
  }

  static SyncResult result(List<SyncResult.Round> rounds) {
    return new SyncResult(10, Optional.of("skopeo version 1.9.3"), rounds, LOAD, LOAD);
  }

  @Test
  void theRatioIsCairnsImagesPerSecondOverSkopeos() {
    // the same images: images/s over images/s is skopeo's seconds over Cairn's
    assertEquals(2.0, round(1, 5, 10).ratio(), 1e-9);
    assertEquals(0.5, round(1, 10, 5).ratio(), 1e-9);
  }

  @Test
  void theMedianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
    assertEquals(1.5, result(List.of(round(1, 10, 10), round(2, 10, 20))).medianRatio(), 1e-9);
    assertEquals(
        2.0,
        result(List.of(round(1, 10, 40), round(2, 10, 10), round(3, 10, 20))).medianRatio(),
        1e-9);
  }

  @Test
  void withoutSkopeoThereIsNoRatioButCairnsCopyStillCounts() {
    SyncResult.Round alone = new SyncResult.Round(1, true, 10, Double.NaN, WHOLE, null);
    SyncResult result = new SyncResult(10, Optional.empty(), List.of(alone), LOAD, LOAD);
    assertTrue(Double.isNaN(result.medianRatio()));
    assertTrue(result.complete());
  }

  @Test
  void aCopyShortOfAnImageOrASignatureOrWithAnUnlinkedSignatureIsIncomplete() {
    for (SyncResult.Copy partial :
        List.of(
            new SyncResult.Copy(9, 10, 0, 0),
            new SyncResult.Copy(10, 9, 0, 0),
            new SyncResult.Copy(10, 10, 1, 0),
            new SyncResult.Copy(10, 10, 0, 1))) {
      SyncResult.Round r = new SyncResult.Round(1, true, 10, 10, partial, WHOLE);
      assertFalse(result(List.of(r)).complete(), partial::toString);
    }
    // skopeo's signatures need not be linked: a registry links a pushed .sig tag only if it types
    // tags itself
    SyncResult.Round unlinkedBySkopeo =
        new SyncResult.Round(1, true, 10, 10, WHOLE, new SyncResult.Copy(10, 10, 0, 10));
    assertTrue(result(List.of(unlinkedBySkopeo)).complete());
    SyncResult.Round skopeoShort =
        new SyncResult.Round(1, true, 10, 10, WHOLE, new SyncResult.Copy(10, 9, 0, 0));
    assertFalse(result(List.of(skopeoShort)).complete());
    assertFalse(result(List.of()).complete(), "no round, nothing shown");
  }
}
