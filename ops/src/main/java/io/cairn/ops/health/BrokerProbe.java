package io.cairn.ops.health;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answered recently. Asked on a timer, never on a request, so that a dead
 * broker cannot stall {@code /readyz}.
 */
public final class BrokerProbe {
  private final Admin admin;
  private volatile boolean reachable;

  public BrokerProbe(Admin admin) {
    this.admin = admin;
  }

  /** Blocks up to two seconds; run it off the event loop. Returns whether the broker answered. */
  public boolean probe() {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(2000))
          .clusterId()
          .get(2, TimeUnit.SECONDS);
      reachable = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reachable = false;
    } catch (Exception e) {
      reachable = false;
    }
    return reachable;
  }

  public boolean isReachable() {
    return reachable;
  }
}
