package io.cairn.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --kafka-client-config} accepts, and how it says no. */
class KafkaClientConfigTest {
  private static final String SCRAM_JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"cairn\" password=\"s3cret-Passw0rd\";";

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  @Test
  void aSaslSslScramFileIsTakenAndTheFlagsServersWin() throws Exception {
    Path file =
        file(
            "bootstrap.servers=from-the-file:9093\n"
                + "security.protocol=SASL_SSL\n"
                + "sasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config="
                + SCRAM_JAAS
                + "\n"
                + "ssl.truststore.type=PEM\n",
            "rw-------");
    KafkaClientConfig config = KafkaClientConfig.load(file, "kafka-1:9093,kafka-2:9093", warn());
    assertEquals("kafka-1:9093,kafka-2:9093", config.bootstrapServers());
    Map<String, Object> map = config.with(Map.of("client.id", "cairn-1-admin"));
    assertEquals("SASL_SSL", map.get("security.protocol"));
    assertEquals(SCRAM_JAAS, map.get("sasl.jaas.config"));
    assertEquals("cairn-1-admin", map.get("client.id"));
    assertEquals(List.of(), warnings);
  }

  @Test
  void mtlsAndOauthbearerAreJustSettings() throws Exception {
    KafkaClientConfig mtls =
        KafkaClientConfig.load(
            file(
                "security.protocol=SSL\n"
                    + "ssl.keystore.type=PKCS12\nssl.keystore.location=/etc/cairn/client.p12\n"
                    + "ssl.keystore.password=changeit\nssl.key.password=changeit\n",
                "rw-------"),
            "k:9093",
            warn());
    assertEquals("SSL", mtls.toMap().get("security.protocol"));
    KafkaClientConfig oauth =
        KafkaClientConfig.load(
            file(
                "security.protocol=SASL_SSL\nsasl.mechanism=OAUTHBEARER\n"
                    + "sasl.jaas.config=org.apache.kafka.common.security.oauthbearer"
                    + ".OAuthBearerLoginModule required;\n",
                "rw-------"),
            "k:9093",
            warn());
    assertEquals("OAUTHBEARER", oauth.toMap().get("sasl.mechanism"));
  }

  @Test
  void aMissingOrUnreadableFileIsNamed() {
    Path missing = dir.resolve("nope.properties");
    assertEquals(
        "Kafka client config " + missing + ": no such file",
        refused(() -> KafkaClientConfig.load(missing, "k:9092", warn())));
    // A directory stands in for an unreadable file: the tests may run as root, who reads anything.
    assertTrue(
        refused(() -> KafkaClientConfig.load(dir, "k:9092", warn())).contains("cannot read it"));
  }

  @Test
  void aSettingKafkaDoesNotKnowIsRefused() throws Exception {
    Path typo = file("security.protocol=SASL_SSL\nsasl.mechansim=PLAIN\n", "rw-------");
    assertEquals(
        "Kafka client config " + typo + ": unknown Kafka client setting 'sasl.mechansim'",
        refused(() -> KafkaClientConfig.load(typo, "k:9092", warn())));
  }

  @Test
  void settingsCairnChoosesItselfAreRefused() throws Exception {
    for (String line : List.of("acks=0", "isolation.level=read_uncommitted", "group.id=other")) {
      String message = refusedText(line + "\n");
      assertTrue(message.contains("is not a connection or security setting"), message);
    }
  }

  @Test
  void aBadValueIsRefusedWithoutEchoingSecrets() throws Exception {
    String protocol = refusedText("security.protocol=SASL_TLS\n");
    assertTrue(protocol.contains("security.protocol"), protocol);
    String jaas =
        refusedText(
            "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config="
                + SCRAM_JAAS.replace(";", "")
                + "\n");
    assertTrue(jaas.contains("semicolon") || jaas.contains("JAAS"), jaas);
    assertFalse(jaas.contains("s3cret"), jaas);
  }

  @Test
  void saslSettingsWithoutASaslProtocolAreRefused() throws Exception {
    String message = refusedText("sasl.mechanism=PLAIN\nsasl.jaas.config=" + SCRAM_JAAS + "\n");
    assertTrue(message.contains("need security.protocol=SASL_SSL or SASL_PLAINTEXT"), message);
  }

  @Test
  void aFileOthersMayReadIsWarnedAbout() throws Exception {
    Path open = file("security.protocol=SASL_SSL\n", "rw-r--r--");
    KafkaClientConfig.load(open, "k:9092", warn());
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("chmod 600 " + open), warnings.get(0));
  }

  @Test
  void itsTextIsAPropertiesFileAndItsNameHidesTheSecret() throws Exception {
    KafkaClientConfig config = KafkaClientConfig.scram("127.0.0.1:9092", "audit", "s3cret-x_Y");
    Properties read = new Properties();
    read.load(new StringReader(config.toPropertiesText("a comment\nover two lines")));
    Map<String, Object> expected = config.toMap();
    assertEquals(expected.size(), read.size());
    expected.forEach((k, v) -> assertEquals(v, read.getProperty(k), k));
    assertFalse(config.toString().contains("s3cret"), config.toString());
  }

  /** Why a 0600 file holding {@code text} is refused. */
  private String refusedText(String text) throws Exception {
    Path file = file(text, "rw-------");
    return refused(() -> KafkaClientConfig.load(file, "k:9092", warn()));
  }

  private Path file(String text, String mode) throws Exception {
    Path file = Files.createTempFile(dir, "client", ".properties");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private Consumer<String> warn() {
    return warnings::add;
  }

  private static String refused(Executable load) {
    return assertThrows(IllegalArgumentException.class, load).getMessage();
  }
}
