package io.cairn.api.immutable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.projection.ImmutableRuleEntry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImmutableTagsTest {
  private static ImmutableRuleEntry rule(
      boolean disabled, String tagDecoration, String tag, String repoDecoration, String repo) {
    return new ImmutableRuleEntry(
        1,
        0,
        disabled,
        "[{\"kind\":\"doublestar\",\"decoration\":\""
            + tagDecoration
            + "\",\"pattern\":\""
            + tag
            + "\"}]",
        "[{\"kind\":\"doublestar\",\"decoration\":\""
            + repoDecoration
            + "\",\"pattern\":\""
            + repo
            + "\"}]",
        0,
        0);
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} {4}: {5}:{6} -> {7}")
  @CsvSource({
    "false, matches,  '**',       repoMatches,  '**',     lib/app,        v1,     true",
    "true,  matches,  '**',       repoMatches,  '**',     lib/app,        v1,     false",
    "false, matches,  'v*',       repoMatches,  '**',     lib/app,        latest, false",
    "false, excludes, 'v*',       repoMatches,  '**',     lib/app,        latest, true",
    "false, excludes, 'v*',       repoMatches,  '**',     lib/app,        v2,     false",
    "false, matches,  '**',       repoMatches,  'app',    lib/app,        v1,     true",
    "false, matches,  '**',       repoMatches,  'app',    lib/team/app,   v1,     false",
    "false, matches,  '**',       repoMatches,  'team/**', lib/team/app,  v1,     true",
    "false, matches,  '**',       repoExcludes, 'tmp-*',  lib/tmp-1,      v1,     false",
    "false, matches,  '{v1,v2}',  repoExcludes, 'tmp-*',  lib/app,        v2,     true"
  })
  void aRuleProtectsWhenEverySelectorAgrees(
      boolean disabled,
      String tagDecoration,
      String tagPattern,
      String repoDecoration,
      String repoPattern,
      String repository,
      String tag,
      boolean expected) {
    ImmutableTags rules =
        ImmutableTags.of(
            List.of(rule(disabled, tagDecoration, tagPattern, repoDecoration, repoPattern)));
    assertEquals(expected, rules.protects(repository, tag));
  }
}
