package io.cairn.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Notation's {@code x509.subject} identities: an RFC 4514 distinguished name, read as a set of
 * attribute type → value. A certificate matches when its subject has every attribute of the
 * identity with the same value, in any order (notation-go {@code isTrustedIdentity}).
 */
final class DistinguishedName {
  /** notation-go requires these so that an identity cannot be as vague as {@code CN=build}. */
  private static final List<String> MANDATORY = List.of("C", "ST", "O");

  private DistinguishedName() {}

  /**
   * The attributes of a trust-policy identity; throws {@link IllegalArgumentException} with the
   * reason when it is unparsable, multi-valued, repeats an attribute or lacks C, ST or O.
   */
  static Map<String, String> parseIdentity(String dn) {
    LdapName name;
    try {
      name = new LdapName(dn);
    } catch (InvalidNameException | IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + dn + "' is not a distinguished name");
    }
    Map<String, String> attributes = new HashMap<>();
    for (Rdn rdn : name.getRdns()) {
      if (rdn.size() != 1) {
        throw new IllegalArgumentException("'" + dn + "' has a multi-valued RDN, not supported");
      }
      String type = rdn.getType().toUpperCase(Locale.ROOT);
      if (attributes.put(type, text(rdn.getValue())) != null) {
        throw new IllegalArgumentException("'" + dn + "' repeats the attribute " + type);
      }
    }
    for (String field : MANDATORY) {
      if (!attributes.containsKey(field)) {
        throw new IllegalArgumentException(
            "'" + dn + "' has no " + field + "; an identity needs at least C, ST and O");
      }
    }
    return attributes;
  }

  /** True when {@code subject} has every attribute of {@code identity} (parsed as above). */
  static boolean matches(Map<String, String> identity, X500Principal subject) {
    Set<String> present = attributes(subject);
    return identity.entrySet().stream()
        .allMatch(e -> present.contains(e.getKey() + "=" + e.getValue()));
  }

  /** {@code TYPE=value} for every attribute of every RDN of {@code subject}. */
  private static Set<String> attributes(X500Principal subject) {
    Set<String> out = new HashSet<>();
    try {
      for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
        NamingEnumeration<? extends Attribute> all = rdn.toAttributes().getAll();
        while (all.hasMore()) {
          Attribute attribute = all.next();
          String type = attribute.getID().toUpperCase(Locale.ROOT);
          for (int i = 0; i < attribute.size(); i++) {
            out.add(type + "=" + text(attribute.get(i)));
          }
        }
      }
    } catch (NamingException e) {
      throw new IllegalStateException("the JDK prints subjects as valid RFC 2253 names", e);
    }
    return out;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : Rdn.escapeValue(value);
  }
}
