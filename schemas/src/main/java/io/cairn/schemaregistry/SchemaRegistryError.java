package io.cairn.schemaregistry;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one catalogue of schema-registry errors, with Confluent's {@code error_code} and the HTTP
 * status its REST API answers. Domain code throws {@link SchemaRegistryException}; only the HTTP
 * layer turns a code into a response, and the HTTP client turns a response back into a code.
 */
public enum SchemaRegistryError {
  SUBJECT_NOT_FOUND(40401, 404),
  VERSION_NOT_FOUND(40402, 404),
  SCHEMA_NOT_FOUND(40403, 404),
  /** Confluent answers it for GET /config/{s} when the subject has no level of its own. */
  SUBJECT_LEVEL_NOT_CONFIGURED(40408, 404),
  INCOMPATIBLE_SCHEMA(409, 409),
  INVALID_SCHEMA(42201, 422),
  INVALID_VERSION(42202, 422),
  INVALID_COMPATIBILITY_LEVEL(42203, 422),
  /** A body that is not the JSON the endpoint expects (Confluent's generic Jersey code). */
  MALFORMED_REQUEST(400, 400),
  /** An unknown path (Confluent's generic Jersey code). */
  NOT_FOUND(404, 404),
  METHOD_NOT_ALLOWED(405, 405),
  /** Confluent's codes when the REST layer refuses the caller. */
  UNAUTHORIZED(40101, 401),
  FORBIDDEN(40301, 403),
  REQUEST_TOO_LARGE(413, 413),
  UNSUPPORTED_MEDIA_TYPE(415, 415),
  /** A bug, not a store failure (Confluent's generic Jersey code). */
  INTERNAL_ERROR(500, 500),
  STORE_ERROR(50001, 500),
  OPERATION_TIMEOUT(50002, 500);

  private final int code;
  private final int httpStatus;

  SchemaRegistryError(int code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** Confluent's {@code error_code}. */
  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public SchemaRegistryException exception(String message) {
    return new SchemaRegistryException(this, message, null);
  }

  public SchemaRegistryException exception(String message, Throwable cause) {
    return new SchemaRegistryException(this, message, cause);
  }

  /** The error with this Confluent {@code error_code}, if Cairn knows it. */
  public static Optional<SchemaRegistryError> fromCode(int code) {
    return Arrays.stream(values()).filter(e -> e.code == code).findFirst();
  }
}
