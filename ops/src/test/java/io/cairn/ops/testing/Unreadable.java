package io.cairn.ops.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.ops.kafka.KafkaClientConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What an audit consumer must never read: the secrets a test used (passwords, robot secrets,
 * tokens) in clear, and any PBKDF2 hash. Looks through raw bytes, so a secret inside a binary
 * record or a RocksDB file is found as surely as one in a log line.
 */
public final class Unreadable {
  /** A stored hash, not the scheme's name (which schema docs mention). */
  private static final Pattern PBKDF2 = Pattern.compile("pbkdf2-sha256\\$[0-9]+\\$");

  private final List<String> secrets = new ArrayList<>();

  /** Adds secrets to look for; returns this. */
  public Unreadable add(String... more) {
    secrets.addAll(List.of(more));
    return this;
  }

  /** Fails if {@code text} holds a PBKDF2 hash or any of the secrets. */
  public void assertAbsent(String where, String text) {
    Matcher hash = PBKDF2.matcher(text);
    if (hash.find()) {
      fail("a PBKDF2 hash in " + where + ": " + excerpt(text, hash.group()));
    }
    for (String secret : secrets) {
      if (text.contains(secret)) {
        fail("the secret " + secret + " in " + where + ": " + excerpt(text, secret));
      }
    }
  }

  /** As {@link #assertAbsent(String, String)} over bytes (UTF-8 secrets; ISO-8859-1 is 1:1). */
  public void assertAbsent(String where, byte[] bytes) {
    assertAbsent(where, new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /**
   * Every record (key and raw value) of every topic whose name contains {@code marker}; returns how
   * many records were read.
   */
  public int assertAbsentFromTopics(KafkaClientConfig clients, String marker) throws Exception {
    List<String> topics;
    try (Admin admin = TestClients.admin(clients)) {
      topics = admin.listTopics().names().get().stream().filter(t -> t.contains(marker)).toList();
    }
    int read = 0;
    for (String topic : topics) {
      for (ConsumerRecord<String, byte[]> r :
          TestClients.readCommitted(clients, topic, new ByteArrayDeserializer())) {
        String where = topic + "@" + r.partition() + ":" + r.offset();
        assertAbsent(where, r.key() == null ? "" : r.key());
        assertAbsent(where, r.value() == null ? new byte[0] : r.value());
        read++;
      }
    }
    return read;
  }

  /** Every file under {@code dir}, byte for byte. */
  public void assertAbsentFromFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertAbsent(file.toString(), Files.readAllBytes(file));
      }
    }
  }

  private static String excerpt(String text, String found) {
    int at = text.indexOf(found);
    return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + found.length() + 40));
  }
}
