package io.cairn.events;

import io.cairn.schemaregistry.SchemaRegistry;

/** {@link RegistryEvent}s on {@code cairn.events} in the Confluent wire format. Thread-safe. */
public final class RegistryEventSerde extends WireFormatSerde<RegistryEvent> {
  public RegistryEventSerde(SchemaRegistry registry) {
    super(registry, RegistryEvent.class, RegistryEvent.getClassSchema());
  }
}
