package io.cairn.replication.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DoublestarTest {

  @Test
  void aStarStaysInsideOneSegment() {
    Doublestar p = Doublestar.compile("library/*");
    assertTrue(p.matches("library/app"));
    assertFalse(p.matches("library/team/app"));
    assertFalse(p.matches("other/app"));
  }

  @Test
  void aDoubleStarSegmentSpansAnyNumberOfSegments() {
    Doublestar p = Doublestar.compile("library/**");
    assertTrue(p.matches("library/app"));
    assertTrue(p.matches("library/team/app"));
    assertFalse(p.matches("libraryx/app"));
    Doublestar middle = Doublestar.compile("a/**/z");
    assertTrue(middle.matches("a/z"));
    assertTrue(middle.matches("a/b/c/z"));
    assertFalse(middle.matches("a/bz"));
    assertTrue(Doublestar.compile("**").matches("any/thing/at/all"));
    assertTrue(Doublestar.compile("**/app").matches("p/team/app"));
    assertTrue(Doublestar.compile("**/app").matches("app"));
  }

  @Test
  void aDoubleStarInsideASegmentIsAStar() {
    Doublestar p = Doublestar.compile("v**");
    assertTrue(p.matches("v1.2"));
    assertFalse(p.matches("v1/2"));
  }

  @Test
  void alternativesClassesAndSingleCharacters() {
    Doublestar p = Doublestar.compile("{v1,v2}.{0,1}");
    assertTrue(p.matches("v1.0"));
    assertTrue(p.matches("v2.1"));
    assertFalse(p.matches("v3.0"));
    assertTrue(Doublestar.compile("release-[0-9]").matches("release-7"));
    assertFalse(Doublestar.compile("release-[!0-9]").matches("release-7"));
    assertTrue(Doublestar.compile("release-[!0-9]").matches("release-x"));
    assertTrue(Doublestar.compile("v?").matches("v1"));
    assertFalse(Doublestar.compile("v?").matches("v10"));
    assertTrue(Doublestar.compile("{a,{b,c}x}").matches("cx"));
  }

  @Test
  void regexCharactersAreLiteral() {
    assertTrue(Doublestar.compile("v1.0+build(3)").matches("v1.0+build(3)"));
    assertFalse(Doublestar.compile("v1.0").matches("v1x0"));
    assertTrue(Doublestar.compile("a\\*b").matches("a*b"));
    assertFalse(Doublestar.compile("a\\*b").matches("axb"));
    assertTrue(Doublestar.compile("[.]x").matches(".x"));
  }

  @Test
  void malformedPatternsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Doublestar.compile("{a,b"));
    assertThrows(IllegalArgumentException.class, () -> Doublestar.compile("a}"));
    assertThrows(IllegalArgumentException.class, () -> Doublestar.compile("[abc"));
    assertThrows(IllegalArgumentException.class, () -> Doublestar.compile("abc\\"));
  }
}
