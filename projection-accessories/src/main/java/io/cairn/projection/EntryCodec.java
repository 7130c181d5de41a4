package io.cairn.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Store values are JSON: readable in a changelog dump, and tolerant of fields added later (unknown
 * fields are ignored), so a newer Cairn restores an older changelog.
 */
public final class EntryCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private EntryCodec() {}

  public static String encode(Object entry) {
    try {
      return JSON.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("entries are plain records and always serialise", e);
    }
  }

  /** Decodes a stored value; {@code null} stays {@code null}. */
  public static <T> T decode(String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "corrupt " + type.getSimpleName() + " in a store: " + json, e);
    }
  }
}
