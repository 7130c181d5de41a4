package io.cairn.ops.projection;

import io.cairn.events.EventLog;
import io.cairn.events.RegistryEvent;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.projection.AccessoryCache;
import io.cairn.projection.AppliedOffsets;
import io.cairn.projection.ChangeListener;
import io.cairn.projection.EndpointView;
import io.cairn.projection.EntryCache;
import io.cairn.projection.ExecutionView;
import io.cairn.projection.IdentityView;
import io.cairn.projection.OpenStores;
import io.cairn.projection.PolicyView;
import io.cairn.projection.ProjectionTopology;
import io.cairn.projection.RegistryView;
import io.cairn.projection.StateEndpointView;
import io.cairn.projection.StateExecutionView;
import io.cairn.projection.StateIdentityView;
import io.cairn.projection.StatePolicyView;
import io.cairn.projection.StateTrustView;
import io.cairn.projection.StateView;
import io.cairn.projection.StreamsStateReader;
import io.cairn.projection.TrustView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Runs the projection topology: owns the {@link KafkaStreams} instance, its state directory and its
 * lifecycle, and knows when restoration has finished.
 */
public final class Projection implements AutoCloseable {
  private final KafkaStreams streams;
  private final AppliedOffsets applied = new AppliedOffsets();
  private final AccessoryCache accessoryCache = new AccessoryCache();
  private final EntryCache entryCache = EntryCache.forHotStores();
  private final OpenStores openStores = new OpenStores();
  private final AtomicInteger restoring = new AtomicInteger();
  private final RegistryView view;
  private final IdentityView identity;
  private final EndpointView endpoints;
  private final PolicyView policies;
  private final ExecutionView executions;
  private final TrustView trust;
  private volatile Throwable failure;

  /**
   * @param clients where the cluster is and how to authenticate; the Streams settings go on top
   */
  public Projection(
      KafkaClientConfig clients,
      String applicationId,
      String instanceId,
      String eventsTopic,
      int partitions,
      Path stateDir,
      Serde<RegistryEvent> serde) {
    Properties props = new Properties();
    props.putAll(clients.toMap());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SmallRocksDb.class);
    // The stores are not transactional, so nothing is ever uncommitted; with the limit on, each
    // turn of the stream thread asked every store of every task anyway (RocksDB property reads,
    // a twentieth of the thread's time under a push load).
    props.put(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, -1L);
    // Only committed transactions are history; an aborted write must never show.
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    // Static membership: a restart after a crash (no leave-group sent) takes its old place at once
    // instead of waiting a session timeout for the dead member to expire. A second process with the
    // same instance id fences the first, which is right: they would share one state directory.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
    props.put(StreamsConfig.POLL_MS_CONFIG, 10);
    // A store entry holds a whole event's worth of annotations: changelogs must take what the log
    // does.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        EventLog.MAX_RECORD_BYTES);
    props.put(
        StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
        Integer.toString(EventLog.MAX_RECORD_BYTES));
    this.streams =
        new KafkaStreams(
            ProjectionTopology.build(
                eventsTopic,
                serde,
                applied,
                ChangeListener.all(accessoryCache, entryCache),
                openStores),
            props);
    streams.setGlobalStateRestoreListener(new RestoreCounter());
    // The one stream thread dying (e.g. refused by an ACL) ends this client: say why, don't retry.
    streams.setUncaughtExceptionHandler(
        e -> {
          failure = e;
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    StreamsStateReader reader = new StreamsStateReader(streams, openStores, partitions);
    this.view = new StateView(reader, accessoryCache, entryCache);
    this.identity = new StateIdentityView(reader, entryCache);
    this.trust = new StateTrustView(reader, entryCache);
    this.endpoints = new StateEndpointView(reader);
    this.policies = new StatePolicyView(reader);
    this.executions = new StateExecutionView(reader);
  }

  public void start() {
    streams.start();
  }

  public AppliedOffsets applied() {
    return applied;
  }

  public TrustView trust() {
    return trust;
  }

  public IdentityView identity() {
    return identity;
  }

  public EndpointView endpoints() {
    return endpoints;
  }

  public PolicyView policies() {
    return policies;
  }

  public ExecutionView executions() {
    return executions;
  }

  public RegistryView view() {
    return view;
  }

  /** Running, with no store still restoring from its changelog. */
  public boolean isServing() {
    return streams.state() == KafkaStreams.State.RUNNING && restoring.get() == 0;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Why the stream thread stopped, if it did; the projection will not serve then. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    // Leave the group, or the next start waits a whole session timeout for this member.
    streams.close(
        CloseOptions.timeout(Duration.ofSeconds(20))
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
  }

  private final class RestoreCounter implements StateRestoreListener {
    @Override
    public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
      restoring.incrementAndGet();
      accessoryCache.clear(); // the store changes behind the fold
      entryCache.clear();
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long end, long n) {}

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long total) {
      accessoryCache.clear(); // lists read while restoring may predate the restored rows
      entryCache.clear();
      restoring.decrementAndGet();
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long total) {
      restoring.decrementAndGet();
    }
  }
}
