package io.cairn.replication.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.replication.policy.ResourceFilter.Kind;
import io.cairn.replication.policy.ResourceFilter.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceFilterTest {

  private static Rule matches(Kind kind, String value) {
    return new Rule(kind, value, List.of(), false);
  }

  private static Rule excludes(Kind kind, String value) {
    return new Rule(kind, value, List.of(), true);
  }

  @Test
  void noFiltersSelectEverySubjectWithAllItsTags() {
    var s = ResourceFilter.ALL.select("library/app", List.of("v1", "latest"), true);
    assertTrue(s.selected());
    assertEquals(List.of("v1", "latest"), s.tags());
    assertTrue(ResourceFilter.ALL.select("library/app", List.of(), false).selected());
  }

  @Test
  void theNameFilterIsTheWholeRepositoryName() {
    ResourceFilter f = ResourceFilter.of(List.of(matches(Kind.NAME, "library/**")));
    assertTrue(f.select("library/team/app", List.of("v1"), true).selected());
    assertFalse(f.select("shop/app", List.of("v1"), true).selected());
    assertFalse(f.mayMatch("shop/app"));
    ResourceFilter not = ResourceFilter.of(List.of(excludes(Kind.NAME, "library/tmp-*")));
    assertFalse(not.select("library/tmp-1", List.of("v1"), true).selected());
    assertTrue(not.select("library/app", List.of("v1"), true).selected());
  }

  @Test
  void aTagFilterKeepsOnlyTheTagsThatPassAndNeedsOne() {
    ResourceFilter f = ResourceFilter.of(List.of(matches(Kind.TAG, "v*")));
    var s = f.select("library/app", List.of("v1", "latest", "v2"), true);
    assertTrue(s.selected());
    assertEquals(List.of("v1", "v2"), s.tags());
    assertFalse(f.select("library/app", List.of("latest"), true).selected());
    assertFalse(f.select("library/app", List.of(), true).selected(), "untagged has no v* tag");
  }

  @Test
  void anExcludingTagFilterDropsTagsAndKeepsUntaggedSubjects() {
    ResourceFilter f = ResourceFilter.of(List.of(excludes(Kind.TAG, "*-rc*")));
    assertEquals(List.of("v1"), f.select("library/app", List.of("v1", "v2-rc1"), true).tags());
    assertFalse(f.select("library/app", List.of("v2-rc1"), true).selected());
    assertTrue(f.select("library/app", List.of(), true).selected());
  }

  @Test
  void theResourceFilterTellsImagesFromOtherArtifacts() {
    ResourceFilter images = ResourceFilter.of(List.of(matches(Kind.RESOURCE, "image")));
    assertTrue(images.select("library/app", List.of("v1"), true).selected());
    assertFalse(images.select("library/chart", List.of("v1"), false).selected());
    ResourceFilter all = ResourceFilter.of(List.of(matches(Kind.RESOURCE, "artifact")));
    assertTrue(all.select("library/chart", List.of("v1"), false).selected());
    assertThrows(
        IllegalArgumentException.class,
        () -> ResourceFilter.of(List.of(matches(Kind.RESOURCE, "chart"))));
  }

  @Test
  void labelsSelectNothingAndExcludeNothingSinceNoSubjectHasOne() {
    Rule wantsLabel = new Rule(Kind.LABEL, null, List.of("prod"), false);
    Rule dropsLabel = new Rule(Kind.LABEL, null, List.of("prod"), true);
    assertFalse(
        ResourceFilter.of(List.of(wantsLabel)).select("a/b", List.of("v1"), true).selected());
    assertTrue(
        ResourceFilter.of(List.of(dropsLabel)).select("a/b", List.of("v1"), true).selected());
  }

  @Test
  void emptyPatternsMeanAnyAndMalformedOnesAreRefused() {
    assertTrue(
        ResourceFilter.of(List.of(matches(Kind.NAME, ""), matches(Kind.TAG, "")))
            .select("a/b", List.of(), true)
            .selected());
    assertThrows(
        IllegalArgumentException.class, () -> ResourceFilter.of(List.of(matches(Kind.TAG, "{v1"))));
  }
}
