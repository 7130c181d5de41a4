package io.cairn.api.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Harbor's 6-field cron: what it accepts, what it refuses and why, and when it fires. */
class CronTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # cron                  | after                    | next firing
          0 0 * * * *             | 2026-12-05T08:30:00Z     | 2026-12-05T09:00:00Z
          0 0 * * * *             | 2026-12-05T09:00:00Z     | 2026-12-05T10:00:00Z
          0 */15 * * * *          | 2026-12-05T08:31:07Z     | 2026-12-05T08:45:00Z
          0 5/20 * * * *          | 2026-12-05T08:46:00Z     | 2026-12-05T09:05:00Z
          0 0 3 * * *             | 2026-12-05T04:00:00Z     | 2026-12-06T03:00:00Z
          0 30 1-3 * * *          | 2026-12-05T03:30:00Z     | 2026-12-06T01:30:00Z
          0 0 0 1 * *             | 2026-12-05T00:00:00Z     | 2027-01-01T00:00:00Z
          0 0 0 29 2 *            | 2026-12-05T00:00:00Z     | 2028-02-29T00:00:00Z
          0 0 12 * * SUN          | 2026-12-05T08:00:00Z     | 2026-12-06T12:00:00Z
          0 0 12 * * mon-fri      | 2026-12-05T08:00:00Z     | 2026-12-07T12:00:00Z
          0 0 0 * JAN,jul ?       | 2026-12-05T00:00:00Z     | 2027-01-01T00:00:00Z
          0 0 0 13 * 5            | 2026-12-05T00:00:00Z     | 2026-12-11T00:00:00Z
          0 0 0 */1 * 5           | 2026-12-05T00:00:00Z     | 2026-12-11T00:00:00Z
          0 59 23 31 12 *         | 2026-12-31T23:59:00Z     | 2027-12-31T23:59:00Z
          0 0 0 * * 0,6           | 2026-12-05T00:00:00.5Z   | 2026-12-06T00:00:00Z
          """)
  void firesWhenHarborWould(String cron, String after, String next) {
    assertEquals(
        Instant.parse(next), Cron.parse(cron).next(Instant.parse(after)).orElseThrow(), cron);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ""                  | empty
          "   "               | empty
          0 0 * * *           | must have 6 fields
          0 0 * * * * *       | must have 6 fields
          @daily              | must have 6 fields
          * 0 * * * *         | seconds) of the cron string must be 0
          */5 * * * * *       | seconds) of the cron string must be 0
          0 60 * * * *        | minutes field of the cron string: '60' is outside 0-59
          0 0 24 * * *        | hours field of the cron string: '24' is outside 0-23
          0 0 0 0 * *         | day of month field of the cron string: '0' is outside 1-31
          0 0 0 32 * *        | day of month field
          0 0 0 * 13 *        | month field of the cron string: '13' is outside 1-12
          0 0 0 * * 7         | day of week field of the cron string: '7' is outside 0-6
          0 0 0 * FOO *       | month field of the cron string: 'FOO' is not a number or a name
          0 0 0 * * MONDAY    | day of week field
          0 x * * * *         | minutes field of the cron string: 'x' is not a number
          0 5-1 * * * *       | '5-1' ends before it starts
          0 1-2-3 * * * *     | has more than one '-'
          0 */0 * * * *       | needs a step of 1-99
          0 */x * * * *       | needs a step of 1-99
          0 1/2/3 * * * *     | is not a value, a range or a step
          0 1,,2 * * * *      | is not a value, a range or a step
          0 -1 * * * *        | minutes field
          0 0 0 30 2 *        | never fires
          0 0 0 31 4,6,9,11 * | never fires
          """)
  void refusesWhatHarborRefusesSayingWhy(String cron, String why) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cron.parse(cron));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0 0 0 * * *", "  0   0 0 * * *  ", "0 0 0 ? * ?", "0 0,30 9-17/2 * * 1-5"})
  void keepsItsTextWithoutSurroundingSpace(String cron) {
    assertEquals(cron.strip(), Cron.parse(cron).text());
  }
}
