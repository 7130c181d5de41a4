package io.cairn.api.distribution;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently served manifest bytes, keyed by digest. Content under a digest never changes, so an
 * entry can never be stale; the cache only bounds memory (least recently used goes first).
 * Thread-safe.
 */
final class ManifestCache {
  private final long maxBytes;
  private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  ManifestCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  synchronized byte[] get(String digest) {
    return entries.get(digest);
  }

  synchronized void put(String digest, byte[] content) {
    if (content.length > maxBytes / 4 || entries.containsKey(digest)) {
      return;
    }
    entries.put(digest, content);
    bytes += content.length;
    Iterator<Map.Entry<String, byte[]>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().length;
      eldest.remove();
    }
  }
}
