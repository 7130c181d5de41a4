package io.cairn.oci;

/**
 * A client-visible failure: the code decides the HTTP status, the message says what was wrong in
 * words a user can act on, the optional detail is serialised as JSON beside it.
 */
public final class OciException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final OciErrorCode code;
  private final transient Object detail;

  public OciException(OciErrorCode code, String message, Object detail) {
    super(message == null ? code.message() : message, null, false, false);
    this.code = code;
    this.detail = detail;
  }

  public OciErrorCode code() {
    return code;
  }

  /** Extra context, or {@code null}: a map of JSON values (serialised as an object) or a string. */
  public Object detail() {
    return detail;
  }
}
