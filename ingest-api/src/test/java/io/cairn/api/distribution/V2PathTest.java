package io.cairn.api.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.Access;
import io.cairn.api.auth.Action;
import io.cairn.api.distribution.V2Path.Kind;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class V2PathTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/v2/, BASE, , ''",
    "/v2, BASE, , ''",
    "/v2/_catalog, CATALOG, , ''",
    "/v2/library/app/tags/list, TAGS, library/app, ''",
    "/v2/library/app/manifests/v1, MANIFEST, library/app, v1",
    "/v2/a/b/c/manifests/sha256:abc, MANIFEST, a/b/c, sha256:abc",
    "/v2/library/app/blobs/sha256:abc, BLOB, library/app, sha256:abc",
    "/v2/library/app/blobs/uploads/, UPLOADS, library/app, ''",
    "/v2/library/app/blobs/uploads, UPLOADS, library/app, ''",
    "/v2/library/app/blobs/uploads/1234, UPLOAD, library/app, 1234",
    "/v2/library/app/referrers/sha256:abc, REFERRERS, library/app, sha256:abc",
    // repository components that look like markers: the marker nearest the end wins
    "/v2/library/manifests/blobs/sha256:abc, BLOB, library/manifests, sha256:abc",
    "/v2/library/blobs/manifests/v1, MANIFEST, library/blobs, v1",
    "/v2/library/tags/list/tags/list, TAGS, library/tags/list, ''",
  })
  void parses(String path, Kind kind, String name, String argument) {
    V2Path parsed = V2Path.parse(path);
    assertEquals(kind, parsed.kind());
    assertEquals(name, parsed.repository());
    assertEquals(argument, parsed.argument());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/v2/library/app/manifests/, NAME_UNKNOWN",
    "/v2/library/app, NAME_UNKNOWN",
    "/v2/manifests/v1, NAME_UNKNOWN",
    "/v3/library/app/manifests/v1, NAME_UNKNOWN",
  })
  void rejects(String path, OciErrorCode code) {
    OciException e = assertThrows(OciException.class, () -> V2Path.parse(path));
    assertEquals(code, e.code());
  }

  /**
   * A malformed name is kept, for the route to authorize first: its project is the text before the
   * first slash (all of it when there is none), and only {@link V2Path#problem()} says
   * NAME_INVALID.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/v2/Library/app/manifests/v1, Library/app, Library",
    "/v2/library//app/manifests/v1, library//app, library",
    "/v2/app/manifests/v1, app, app",
    "/v2/library/../app/manifests/v1, library/../app, library",
    "/v2/library/%2e%2e/manifests/v1, library/%2e%2e, library",
    "/v2//tags/list, '', ''",
  })
  void keepsAMalformedNameForTheRouteToAuthorizeFirst(String path, String name, String project) {
    V2Path parsed = V2Path.parse(path);
    assertEquals(name, parsed.repository());
    assertEquals(project, new Access.OnRepository(parsed.repository(), Action.PULL).project());
    assertEquals(OciErrorCode.NAME_INVALID, parsed.problem().code());
    assertThrows(OciException.class, parsed::name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/v2/library/app/manifests/v1", "/v2/a/b/c/blobs/sha256:abc", "/v2/_catalog"})
  void aWellFormedNameHasNoProblem(String path) {
    assertNull(V2Path.parse(path).problem());
  }
}
