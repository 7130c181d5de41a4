package io.cairn.schemaregistry;

/**
 * A registry whose log is only this process's memory: for tests and single-process dev mode. It
 * folds the same encoded records the Kafka registry writes, so it exercises the same code.
 */
public final class InMemorySchemaRegistry extends FoldedSchemaRegistry {

  @Override
  protected void append(byte[] key, byte[] value) {
    fold(key, value);
  }
}
