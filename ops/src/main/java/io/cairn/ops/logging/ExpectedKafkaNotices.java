package io.cairn.ops.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;

/**
 * Drops the warnings that Kafka logs on every ordinary start and stop of Cairn and that nobody can
 * act on, matched by logger <em>and</em> message, so every other warning of the same loggers still
 * shows. Each entry says why it is expected; a notice Kafka rewords simply shows again.
 */
public final class ExpectedKafkaNotices extends Filter<ILoggingEvent> {

  /** A logger's notice, recognised by a fragment of its message. */
  record Notice(String logger, String fragment, String why) {
    boolean matches(ILoggingEvent event) {
      return event.getLoggerName().equals(logger)
          && event.getFormattedMessage() != null
          && event.getFormattedMessage().contains(fragment);
    }
  }

  static final List<Notice> EXPECTED =
      List.of(
          new Notice(
              "org.apache.kafka.controller.QuorumController",
              "Performing controller activation",
              "the embedded single-node controller activating on each start (WARN since Kafka 3.9;"
                  + " on a fresh cluster it adds that the new metadata log is empty, as it must"
                  + " be)"),
          new Notice(
              "org.apache.kafka.streams.StreamsConfig",
              "Processing exception handler is not enabled for the GlobalThread",
              "a notice of a future default, logged for each StreamsConfig Cairn builds: Cairn sets"
                  + " no processing exception handler, so the default (fail) applies either way"),
          new Notice(
              "org.apache.kafka.clients.NetworkClient",
              "Attempting to close NetworkClient that has already been closed",
              "the embedded broker's controller channel closing its client twice on shutdown"),
          new Notice(
              "org.apache.kafka.server.DefaultAutoTopicCreationManager",
              "with error 'TOPIC_ALREADY_EXISTS'",
              "two first clients asking the broker for an internal topic (__transaction_state,"
                  + " __consumer_offsets) at once: the topic exists, which is what both asked"
                  + " for"),
          new Notice(
              "org.apache.kafka.connect.runtime.errors.DeadLetterQueueReporter",
              "doesn't exist. Will attempt to create topic.",
              "the replication worker's first start: Kafka Connect logs at ERROR that it is about"
                  + " to create the dead-letter topic, and a failure to create it is logged on its"
                  + " own"));

  @Override
  public FilterReply decide(ILoggingEvent event) {
    for (Notice notice : EXPECTED) {
      if (notice.matches(event)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
