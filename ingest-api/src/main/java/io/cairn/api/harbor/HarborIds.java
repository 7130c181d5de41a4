package io.cairn.api.harbor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Harbor's integer ids, derived from what they name instead of a database sequence, so they are the
 * same after a rebuild from the log and at every site. 48 bits of SHA-256: exact in every JSON
 * number (JavaScript's too), and a collision needs about 16 million artifacts in one repository.
 */
public final class HarborIds {
  /** One hasher per thread: ids are computed on every list answer, on the event loops. */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(HarborIds::newSha256);

  private HarborIds() {}

  /** The id of the artifact {@code digest} in {@code repository}. */
  public static long artifact(String repository, String digest) {
    return of("artifact", repository, digest);
  }

  /** The id of a repository. */
  public static long repository(String repository) {
    return of("repository", repository);
  }

  /** The id of a tag. */
  public static long tag(String repository, String tag) {
    return of("tag", repository, tag);
  }

  /** The id of the link between an accessory and its subject. */
  public static long accessory(String repository, String subject, String accessory) {
    return of("accessory", repository, subject, accessory);
  }

  private static long of(String... parts) {
    byte[] hash = SHA256.get().digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    long id = ByteBuffer.wrap(hash).getLong() >>> 16;
    return id == 0 ? 1 : id; // Harbor treats 0 as "no id"
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
