package io.cairn.events;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12.2 refuses to instantiate classes that are not trusted ("Forbidden ... not trusted"),
 * our generated events included. {@link #trustCairnEvents()} trusts them; call it once at start-up,
 * before the first event is decoded. (Tests get the same through the surefire property {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES=io.cairn.events}.)
 */
public final class AvroTrust {
  private static final String PACKAGE = "io.cairn.events";
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  /** Generated Avro types of package io.cairn.events, and nothing else. */
  public static final ClassSecurityPredicate CAIRN_EVENTS =
      type ->
          PACKAGE.equals(type.getPackageName())
              && (SpecificRecord.class.isAssignableFrom(type)
                  || GenericEnumSymbol.class.isAssignableFrom(type)
                  || GenericFixed.class.isAssignableFrom(type));

  private AvroTrust() {}

  /**
   * Adds {@link #CAIRN_EVENTS} to Avro's global class validator, keeping whatever it trusted
   * before. Idempotent.
   */
  public static void trustCairnEvents() {
    if (INSTALLED.compareAndSet(false, true)) {
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), CAIRN_EVENTS));
    }
  }
}
