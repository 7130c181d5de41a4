package io.cairn.ops.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** Exactly the expected notices are dropped: the same loggers' other warnings still show. */
class ExpectedKafkaNoticesTest {
  private final ExpectedKafkaNotices filter = new ExpectedKafkaNotices();
  private final LoggerContext context = new LoggerContext();

  private FilterReply decide(String logger, Level level, String message, Object... args) {
    return filter.decide(
        new LoggingEvent(
            getClass().getName(), context.getLogger(logger), level, message, null, args));
  }

  @Test
  void theNoticesOfAnOrdinaryStartAndStopAreDropped() {
    assertEquals(
        FilterReply.DENY,
        decide(
            "org.apache.kafka.controller.QuorumController",
            Level.WARN,
            "[QuorumController id=1] Performing controller activation. The metadata log appears to"
                + " be empty. Appending 6 bootstrap record(s)"));
    assertEquals(
        FilterReply.DENY,
        decide(
            "org.apache.kafka.streams.StreamsConfig",
            Level.WARN,
            "Processing exception handler is not enabled for the GlobalThread. It's recommended"));
    assertEquals(
        FilterReply.DENY,
        decide(
            "org.apache.kafka.server.DefaultAutoTopicCreationManager",
            Level.WARN,
            "Auto topic creation failed for {} with error '{}': {}.",
            "__transaction_state",
            "TOPIC_ALREADY_EXISTS",
            "Topic '__transaction_state' already exists."));
    assertEquals(
        FilterReply.DENY,
        decide(
            "org.apache.kafka.clients.NetworkClient",
            Level.WARN,
            "[NodeToControllerChannelManager id=1 name=registration] Attempting to close"
                + " NetworkClient that has already been closed."));
    for (ExpectedKafkaNotices.Notice notice : ExpectedKafkaNotices.EXPECTED) {
      assertEquals(FilterReply.DENY, decide(notice.logger(), Level.WARN, notice.fragment()));
    }
  }

  @Test
  void everythingElseOfTheSameLoggersStillShows() {
    assertEquals(
        FilterReply.NEUTRAL,
        decide(
            "org.apache.kafka.server.DefaultAutoTopicCreationManager",
            Level.WARN,
            "Auto topic creation failed for {} with error '{}': {}.",
            "__consumer_offsets",
            "INVALID_REPLICATION_FACTOR",
            "Unable to replicate the partition 3 time(s)"));
    assertEquals(
        FilterReply.NEUTRAL,
        decide(
            "org.apache.kafka.clients.NetworkClient",
            Level.WARN,
            "[Producer clientId=cairn-1-events] Connection to node 1 could not be established."));
    assertEquals(
        FilterReply.NEUTRAL,
        decide(
            "org.apache.kafka.controller.QuorumController",
            Level.ERROR,
            "[QuorumController id=1] processExpiredBrokerHeartbeat: controller event queue"
                + " overloaded."));
    assertEquals(
        FilterReply.NEUTRAL,
        decide(
            "org.apache.kafka.streams.processor.internals.StateDirectory",
            Level.WARN,
            "Using an OS temp directory in the state.dir property can cause failures"));
    assertEquals(
        FilterReply.NEUTRAL,
        decide("some.other.Logger", Level.WARN, "Performing controller activation"),
        "the logger must match too");
  }
}
