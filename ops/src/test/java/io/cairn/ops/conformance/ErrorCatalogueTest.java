package io.cairn.ops.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.oci.OciErrorCode;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bad-input classes together provoke every error code a client can reach, each with the status
 * the catalogue gives it. Each class proves it saw its own codes; this checks that their union is
 * the whole reachable catalogue. Not reachable, by the contract: a well-formed chunk range that
 * does not fit is a 416 (end-5/end-6), and a malformed one BLOB_UPLOAD_INVALID, so SIZE_INVALID has
 * no condition; TOOMANYREQUESTS is LoginGateTest's (more than 32 sign-ins waiting in one throttled
 * lane); VIOLATE_FOREIGN_KEY_CONSTRAINT is HarborArtifactApiTest's; UNAVAILABLE is
 * KafkaOutageTest's; UNKNOWN must never be reachable.
 */
class ErrorCatalogueTest {
  static final List<String> REACHABLE =
      List.of(
          "BLOB_UNKNOWN 404",
          "BLOB_UPLOAD_INVALID 400",
          "BLOB_UPLOAD_UNKNOWN 404",
          "DIGEST_INVALID 400",
          "MANIFEST_BLOB_UNKNOWN 400",
          "MANIFEST_INVALID 400",
          "MANIFEST_UNKNOWN 404",
          "NAME_INVALID 400",
          "NAME_UNKNOWN 404",
          "TAG_INVALID 400",
          "RANGE_INVALID 416",
          "PAGINATION_NUMBER_INVALID 400",
          "UNSUPPORTED 405",
          "MANIFEST_TOO_LARGE 413",
          "PAYLOAD_TOO_LARGE 413",
          "BAD_REQUEST 400",
          "CONFLICT 409",
          "NOT_FOUND 404",
          "UNAUTHORIZED 401",
          "DENIED 403",
          "PROJECTPOLICYVIOLATION 412");

  @Test
  void theBadInputClassesCoverEveryReachableCode() {
    TreeSet<String> shown = new TreeSet<>();
    Stream.of(
            BadRequestTest.CODES,
            BadManifestTest.CODES,
            BadUploadTest.CODES,
            BadProjectTest.CODES,
            BadIdentityTest.CODES)
        .forEach(shown::addAll);
    assertEquals(new TreeSet<>(REACHABLE), shown);
  }

  @Test
  void eachReachableCodeCarriesTheStatusTheCatalogueGivesIt() {
    for (String entry : REACHABLE) {
      String[] codeAndStatus = entry.split(" ");
      assertEquals(
          Integer.parseInt(codeAndStatus[1]),
          OciErrorCode.valueOf(codeAndStatus[0]).status(),
          entry);
    }
  }
}
