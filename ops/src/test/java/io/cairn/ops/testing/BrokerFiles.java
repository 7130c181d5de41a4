package io.cairn.ops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.ops.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** What an embedded broker's directory must look like to other users of the machine. */
public final class BrokerFiles {
  private BrokerFiles() {}

  /** The directory is 0700 and every file holding a secret 0600. */
  public static void assertOwnerOnly(Path kafkaDir) throws IOException {
    assertEquals("rwx------", mode(kafkaDir), kafkaDir.toString());
    for (String file :
        List.of(
            "credentials.properties",
            EmbeddedKafka.CAIRN_CLIENT_FILE,
            EmbeddedKafka.AUDIT_CLIENT_FILE,
            "server.properties")) {
      assertEquals("rw-------", mode(kafkaDir.resolve(file)), file);
    }
  }

  /** {@code rwxr-x---} and the like. */
  public static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
