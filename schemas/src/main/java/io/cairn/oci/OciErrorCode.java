package io.cairn.oci;

/**
 * The one catalogue of error codes Cairn answers with, each bound to its HTTP status. Domain code
 * throws {@link OciException} with a code; only the HTTP failure handler turns it into a response.
 *
 * <p>Codes and statuses follow the OCI distribution spec (v1.1, "Error Codes") and the statuses the
 * reference registry uses; the last group are Cairn additions that clients already understand.
 */
public enum OciErrorCode {
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
  DIGEST_INVALID(400, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
  MANIFEST_INVALID(400, "manifest invalid"),
  MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
  NAME_INVALID(400, "invalid repository name"),
  NAME_UNKNOWN(404, "repository name not known to registry"),
  SIZE_INVALID(400, "provided length did not match content length"),
  UNAUTHORIZED(401, "authentication required"),
  DENIED(403, "requested access to the resource is denied"),
  UNSUPPORTED(405, "the operation is unsupported"),
  TOOMANYREQUESTS(429, "too many requests"),
  TAG_INVALID(400, "manifest tag did not match URI"),
  RANGE_INVALID(416, "invalid content range"),
  PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
  MANIFEST_TOO_LARGE(413, "manifest exceeds the size limit"),
  UNAVAILABLE(503, "service unavailable, retry later"),
  /** A fault of the registry itself, never of the request; always logged. */
  UNKNOWN(500, "unknown error"),
  /** Harbor's code for a malformed management API request. */
  BAD_REQUEST(400, "bad request"),
  /** Harbor's code when the resource to create already exists. */
  CONFLICT(409, "resource already exists"),
  /** Harbor's code for an unknown management API resource. */
  NOT_FOUND(404, "resource not found"),
  /** Harbor's code when a delete would break a reference, e.g. an index naming the artifact. */
  VIOLATE_FOREIGN_KEY_CONSTRAINT(412, "the resource is referenced by others"),
  /** A management API body over its limit (manifests have {@link #MANIFEST_TOO_LARGE}). */
  PAYLOAD_TOO_LARGE(413, "request body exceeds the size limit"),
  /** Harbor's code when a project policy (content trust) forbids the pull. */
  PROJECTPOLICYVIOLATION(412, "the project's policy forbids this"),
  /** Harbor's code when the target's state forbids the request, e.g. running a disabled policy. */
  PRECONDITION(412, "precondition failed");

  private final int status;
  private final String message;

  OciErrorCode(int status, String message) {
    this.status = status;
    this.message = message;
  }

  public int status() {
    return status;
  }

  /** The spec's default message, used when the thrower gives none. */
  public String message() {
    return message;
  }

  /** A typed failure carrying this code. */
  public OciException exception(String message) {
    return new OciException(this, message, null);
  }

  public OciException exception(String message, Object detail) {
    return new OciException(this, message, detail);
  }
}
