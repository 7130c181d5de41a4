package io.cairn.schemaregistry;

/** A schema-registry failure; its {@link SchemaRegistryError} decides the HTTP answer. */
public final class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SchemaRegistryError error;

  public SchemaRegistryException(SchemaRegistryError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  public SchemaRegistryError error() {
    return error;
  }
}
