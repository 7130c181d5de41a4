package io.cairn.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Surefire trusts io.cairn.events by system property; these tests swap the validator instead. Avro
 * validates a class when a SpecificData first resolves it and caches the answer, hence fresh
 * SpecificData instances here.
 */
class AvroTrustTest {
  private final ClassSecurityPredicate saved = ClassSecurityValidator.getGlobal();

  @AfterEach
  void restore() {
    ClassSecurityValidator.setGlobal(saved);
  }

  @Test
  void trustsOurGeneratedTypesOnly() {
    assertTrue(AvroTrust.CAIRN_EVENTS.isTrusted(RegistryEvent.class));
    assertTrue(AvroTrust.CAIRN_EVENTS.isTrusted(TagSet.class));
    assertTrue(AvroTrust.CAIRN_EVENTS.isTrusted(ActorKind.class));
    assertFalse(AvroTrust.CAIRN_EVENTS.isTrusted(AvroTrust.class));
    assertFalse(AvroTrust.CAIRN_EVENTS.isTrusted(HashMap.class));
  }

  @Test
  void avroRefusesOurClassesUntilTrusted() {
    Schema event = RegistryEvent.getClassSchema();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES);
    assertThrows(SecurityException.class, () -> new SpecificData().getClass(event));

    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES, AvroTrust.CAIRN_EVENTS));
    SpecificData fresh = new SpecificData();
    for (Schema named : namedTypes(event, new LinkedHashSet<>())) {
      assertEquals(named.getFullName(), fresh.getClass(named).getName());
    }
  }

  @Test
  void trustCairnEventsKeepsWhatWasTrustedBefore() {
    AvroTrust.trustCairnEvents();
    assertTrue(ClassSecurityValidator.getGlobal().isTrusted(RegistryEvent.class));
    assertTrue(ClassSecurityValidator.getGlobal().isTrusted(String.class));
  }

  private static Set<Schema> namedTypes(Schema schema, Set<Schema> found) {
    switch (schema.getType()) {
      case RECORD -> {
        if (found.add(schema)) {
          schema.getFields().forEach(f -> namedTypes(f.schema(), found));
        }
      }
      case ENUM, FIXED -> found.add(schema);
      case UNION -> schema.getTypes().forEach(t -> namedTypes(t, found));
      case ARRAY -> namedTypes(schema.getElementType(), found);
      case MAP -> namedTypes(schema.getValueType(), found);
      default -> {}
    }
    return found;
  }
}
