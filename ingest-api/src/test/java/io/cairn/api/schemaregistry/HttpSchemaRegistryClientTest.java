package io.cairn.api.schemaregistry;

import static io.cairn.api.schemaregistry.Schemas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.schemaregistry.HttpSchemaRegistryClient;
import io.cairn.schemaregistry.InMemorySchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistryError;
import io.cairn.schemaregistry.SchemaRegistryException;
import io.cairn.schemaregistry.SchemaVersion;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The HTTP client against Cairn's own Confluent-compatible routes, over a real socket. */
class HttpSchemaRegistryClientTest {
  private final AtomicInteger byIdCalls = new AtomicInteger();
  private RegistryServer server;
  private SchemaRegistry client;

  @BeforeEach
  void start() throws Exception {
    SchemaRegistry counting =
        new ForwardingRegistry(new InMemorySchemaRegistry()) {
          @Override
          public Optional<String> schemaById(int id) {
            byIdCalls.incrementAndGet();
            return super.schemaById(id);
          }
        };
    server = new RegistryServer(counting);
    client = new HttpSchemaRegistryClient(server.baseUrl());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static void assertError(SchemaRegistryError expected, Executable call) {
    assertEquals(expected, assertThrows(SchemaRegistryException.class, call).error());
  }

  @Test
  void registersAndReadsBack() {
    assertEquals(1, client.register("a", NAME));
    assertEquals(1, client.register("a", NAME));
    assertEquals(2, client.register("a", NAME_AGE));
    assertEquals(1, client.register("odd/subject name", NAME));
    assertEquals(List.of("a", "odd/subject name"), client.subjects());
    assertEquals(List.of(1, 2), client.versions("a"));
    assertEquals(
        Optional.of(new SchemaVersion("a", 1, 1, canonical(NAME))), client.version("a", 1));
    assertEquals(
        Optional.of(new SchemaVersion("a", 2, 2, canonical(NAME_AGE))), client.latest("a"));
    assertEquals(List.of(1), client.versions("odd/subject name"));
  }

  @Test
  void unknownThingsAreEmpty() {
    client.register("a", NAME);
    assertEquals(List.of(), client.versions("x"));
    assertEquals(Optional.empty(), client.version("x", 1));
    assertEquals(Optional.empty(), client.version("a", 5));
    assertEquals(Optional.empty(), client.latest("x"));
    assertEquals(Optional.empty(), client.schemaById(77));
  }

  @Test
  void cachesSchemasById() {
    client.register("a", NAME);
    assertEquals(Optional.of(canonical(NAME)), client.schemaById(1));
    assertEquals(Optional.of(canonical(NAME)), client.schemaById(1));
    assertEquals(1, byIdCalls.get());
  }

  @Test
  void mapsConfluentErrorsToTypedExceptions() {
    client.register("a", NAME);
    assertError(SchemaRegistryError.INCOMPATIBLE_SCHEMA, () -> client.register("a", NAME_EMAIL));
    assertError(SchemaRegistryError.INVALID_SCHEMA, () -> client.register("a", "{nope"));
    assertError(
        SchemaRegistryError.INVALID_COMPATIBILITY_LEVEL, () -> client.setCompatibility(null, "X"));
    assertError(
        SchemaRegistryError.SUBJECT_NOT_FOUND,
        () -> client.isCompatible("x", SchemaRegistry.LATEST, NAME));
    assertError(SchemaRegistryError.VERSION_NOT_FOUND, () -> client.isCompatible("a", 4, NAME));
  }

  @Test
  void readsAndSetsCompatibility() {
    assertEquals("BACKWARD", client.compatibility(null));
    client.setCompatibility(null, "FULL");
    assertEquals("FULL", client.compatibility("a"));
    client.setCompatibility("a", "NONE");
    assertEquals("NONE", client.compatibility("a"));
    assertEquals("FULL", client.compatibility(null));
  }

  @Test
  void checksCompatibility() {
    client.register("a", NAME);
    assertFalse(client.isCompatible("a", SchemaRegistry.LATEST, NAME_EMAIL));
    assertTrue(client.isCompatible("a", 1, NAME_AGE));
  }

  @Test
  void sendsBasicAuthFromTheUrl() {
    String url = server.baseUrl().replace("http://", "http://alice:s%3Acret@");
    new HttpSchemaRegistryClient(url).subjects();
    String expected = Base64.getEncoder().encodeToString("alice:s:cret".getBytes());
    assertEquals("Basic " + expected, server.lastAuthorization);
  }

  @Test
  void anUnreachableRegistryIsAStoreError() throws Exception {
    String url = server.baseUrl();
    server.close();
    assertError(
        SchemaRegistryError.STORE_ERROR, () -> new HttpSchemaRegistryClient(url).subjects());
    server = new RegistryServer(new InMemorySchemaRegistry());
  }
}
