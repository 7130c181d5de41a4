package io.cairn.replication.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A registry call that failed. {@link #permanent()} tells the caller whether retrying can help: the
 * registry refused the request (4xx), or the registry was down, slow or overloaded.
 */
public final class RegistryException extends IOException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final String code;
  private final boolean permanent;

  public RegistryException(int status, String code, String message, boolean permanent) {
    super(message);
    this.status = status;
    this.code = code;
    this.permanent = permanent;
  }

  private RegistryException(String message, IOException cause) {
    super(message, cause);
    this.status = 0;
    this.code = null;
    this.permanent = false;
  }

  /**
   * From a registry's error answer. A 4xx is permanent except 408 and 429 (come back later) and a
   * 401 before any credentials were tried (credentials may be configured and the call retried).
   */
  static RegistryException fromResponse(
      String what, int status, byte[] body, boolean credentialsTried) {
    String[] error = firstError(body);
    String code = error[0];
    String message = what + ": HTTP " + status + (code == null ? "" : " " + code) + ": " + error[1];
    return new RegistryException(status, code, message, isPermanent(status, credentialsTried));
  }

  /** No answer: connection refused, reset, timed out. Always worth a retry. */
  static RegistryException unreachable(String what, IOException cause) {
    return new RegistryException(
        what
            + ": no answer from the registry: "
            + cause.getClass().getSimpleName()
            + " "
            + cause.getMessage(),
        cause);
  }

  static boolean isPermanent(int status, boolean credentialsTried) {
    if (status < 400 || status >= 500) {
      return false;
    }
    if (status == 401) {
      return credentialsTried;
    }
    return status != 408 && status != 429;
  }

  /** The HTTP status, or 0 when the registry gave no answer. */
  public int status() {
    return status;
  }

  /** The OCI error code from the body ({@code MANIFEST_BLOB_UNKNOWN}, ...), or {@code null}. */
  public String code() {
    return code;
  }

  /** True when retrying the same request cannot succeed. */
  public boolean permanent() {
    return permanent;
  }

  /** {code, message} of the first entry of an OCI error body; the raw text when it is not one. */
  private static String[] firstError(byte[] body) {
    if (body == null || body.length == 0) {
      return new String[] {null, "(no body)"};
    }
    try {
      JsonNode first = JSON.readTree(body).path("errors").path(0);
      if (first.isObject()) {
        String code = first.path("code").asText(null);
        String message = first.path("message").asText("");
        JsonNode detail = first.get("detail");
        if (detail != null && !detail.isNull()) {
          message = message + " (" + detail + ")";
        }
        return new String[] {code, message};
      }
    } catch (IOException | RuntimeException notJson) {
      // Proxies and some registries answer errors in plain text or HTML; show that instead.
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return new String[] {null, text.length() > 200 ? text.substring(0, 200) + "…" : text};
  }
}
