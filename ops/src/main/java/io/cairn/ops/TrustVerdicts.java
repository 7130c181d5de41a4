package io.cairn.ops;

import io.cairn.blob.BlobStore;
import io.cairn.events.EventLog;
import io.cairn.events.RegistryEventSerde;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.ops.projection.Projection;
import io.cairn.policy.verdict.PolicyProcessor;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The policy processor with the consumer it needs: a group of its own (so a projection rebuild does
 * not re-decide verdicts that are already events), committed reads only, offsets committed by the
 * processor after the verdicts are written, and fetches as large as the largest event.
 */
final class TrustVerdicts {
  private TrustVerdicts() {}

  static PolicyProcessor start(
      KafkaClientConfig clients,
      CairnConfig config,
      Projection projection,
      RegistryEventSerde serde,
      BlobStore blobs,
      EventLog log,
      Clock clock) {
    Map<String, Object> props = clients.toMap();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, CairnAcls.policyGroup(config.applicationId()));
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId() + "-policy");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-policy");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, EventLog.MAX_RECORD_BYTES);
    PolicyProcessor processor =
        new PolicyProcessor(
            new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer()),
            config.topics().events(),
            projection.view(),
            projection.trust(),
            blobs,
            projection.applied(),
            log,
            clock,
            config.instanceId());
    processor.start();
    return processor;
  }
}
