package io.cairn.api.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

  @ParameterizedTest(name = "{0} of 100 -> {1}-{2}")
  @CsvSource({
    "bytes=0-9, 0, 9",
    "bytes=90-, 90, 99",
    "bytes=90-500, 90, 99",
    "bytes=-10, 90, 99",
    "bytes=-500, 0, 99",
    "bytes=99-99, 99, 99",
  })
  void satisfiable(String header, long first, long last) {
    ByteRange range = ByteRange.parse(header, 100);
    assertEquals(new ByteRange(first, last), range);
    assertEquals("bytes " + first + "-" + last + "/100", range.contentRange(100));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bytes=100-", "bytes=100-200", "bytes=5-1", "bytes=-0"})
  void unsatisfiableIs416(String header) {
    OciException e = assertThrows(OciException.class, () -> ByteRange.parse(header, 100));
    assertEquals(OciErrorCode.RANGE_INVALID, e.code());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"items=0-1", "'bytes=0-1,5-6'", "bytes=a-b", "bytes=7"})
  void othersServeTheWholeBlob(String header) {
    assertNull(ByteRange.parse(header, 100));
  }
}
