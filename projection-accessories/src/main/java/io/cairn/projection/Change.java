package io.cairn.projection;

/** One write a fold asks for; the processor (or an in-memory state) applies it. */
public sealed interface Change {
  Store store();

  String key();

  record Put(Store store, String key, String value) implements Change {}

  record Delete(Store store, String key) implements Change {}
}
