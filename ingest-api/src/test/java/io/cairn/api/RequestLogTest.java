package io.cairn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The access log's line: its fields, and that a request cannot forge or split a line. */
class RequestLogTest {
  @Test
  void aLineHoldsClientUserRequestStatusBytesAndTime() {
    assertEquals(
        "127.0.0.1 admin \"GET /v2/library/app/manifests/v1\" 200 1234 3ms",
        RequestLog.line("127.0.0.1", "admin", "GET", "/v2/library/app/manifests/v1", 200, 1234, 3));
    assertEquals(
        "::1 - \"HEAD /v2/\" 401 0 0ms", RequestLog.line("::1", "-", "HEAD", "/v2/", 401, 0, 0));
  }

  @Test
  void quotesSpacesControlAndNonAsciiCharactersAreEscaped() {
    assertEquals(
        "1.2.3.4 - \"GET /a\\x22\\x20200\\x0a\\x5cb\\xe9\\u20ac\" 404 9 1ms",
        RequestLog.line("1.2.3.4", "-", "GET", "/a\" 200\n\\b\u00e9\u20ac", 404, 9, 1));
    assertEquals(
        "1.2.3.4 robot$p+ci\\x20x \"GET /\" 200 0 1ms",
        RequestLog.line("1.2.3.4", "robot$p+ci x", "GET", "/", 200, 0, 1));
  }
}
