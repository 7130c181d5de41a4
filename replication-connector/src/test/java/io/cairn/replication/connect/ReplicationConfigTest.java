package io.cairn.replication.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ReplicationConfigTest {
  @Test
  void theHoldIsAnHourUnlessSaidOtherwise() {
    assertEquals(Duration.ofMinutes(60), config(Map.of()).trustHold());
    assertEquals(Duration.ofMinutes(5), config(Map.of("trust.hold.minutes", "5")).trustHold());
  }

  @Test
  void millisecondsTakePrecedenceOverMinutesWhenSet() {
    assertEquals(
        Duration.ofMillis(2500),
        config(Map.of("trust.hold.minutes", "5", "trust.hold.ms", "2500")).trustHold());
    assertEquals(Duration.ZERO, config(Map.of("trust.hold.ms", "0")).trustHold());
  }

  @Test
  void aNegativeHoldIsRefusedNamingTheSetting() {
    ConfigException refused =
        assertThrows(ConfigException.class, () -> config(Map.of("trust.hold.ms", "-1")));
    assertTrue(refused.getMessage().contains("trust.hold.ms"), refused.getMessage());
    assertTrue(refused.getMessage().contains("at least 0"), refused.getMessage());
    assertThrows(ConfigException.class, () -> config(Map.of("trust.hold.minutes", "0")));
  }

  private static ReplicationConfig config(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put("cairn.url", "http://127.0.0.1:5000");
    props.put("target.url", "http://127.0.0.1:5001");
    return new ReplicationConfig(props);
  }
}
