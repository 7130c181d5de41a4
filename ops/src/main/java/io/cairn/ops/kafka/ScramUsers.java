package io.cairn.ops.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * Sets SCRAM-SHA-512 credentials in a KRaft cluster's metadata, as its super user, and waits until
 * the broker accepts them. The controller answers once it has committed the change; the broker
 * applies it a moment later, so a login right after the answer could still be refused.
 */
public final class ScramUsers {
  private static final int ITERATIONS = 4096; // Kafka's minimum for SCRAM-SHA-512

  private ScramUsers() {}

  /** A user name and its password. */
  public record User(String name, String password) {
    @Override
    public String toString() {
      return "User[" + name + "]";
    }
  }

  /**
   * Creates or replaces each user's credential, waits until the broker lists them all, then logs in
   * as the first one until it is accepted (a replaced password may take a moment longer).
   *
   * @param superUser a client config of a principal allowed to alter the cluster
   * @param clientListener the address SCRAM clients use (a login there proves the broker knows)
   * @throws IllegalStateException if the cluster refuses or the login is not accepted in time
   */
  public static void upsert(
      KafkaClientConfig superUser, String clientListener, List<User> users, Duration timeout) {
    try (Admin admin = Admin.create(superUser.toMap())) {
      KafkaAnswer.await(
          admin
              .alterUserScramCredentials(
                  users.stream()
                      .<UserScramCredentialAlteration>map(
                          u ->
                              new UserScramCredentialUpsertion(
                                  u.name(),
                                  new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                                  u.password()))
                      .toList())
              .all(),
          timeout,
          "setting SCRAM credentials");
      awaitKnown(admin, users.stream().map(User::name).toList(), timeout);
    }
    User first = users.get(0);
    awaitLogin(KafkaClientConfig.scram(clientListener, first.name(), first.password()), timeout);
  }

  /** Until the broker's metadata lists every user (a new user's first login waits for that). */
  private static void awaitKnown(Admin admin, List<String> names, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        admin
            .describeUserScramCredentials(names)
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ResourceNotFoundException) || System.nanoTime() > deadline) {
          throw new IllegalStateException("The SCRAM users did not appear: " + e.getCause(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for SCRAM users", e);
      } catch (TimeoutException e) {
        throw new IllegalStateException("No answer about SCRAM users within " + timeout, e);
      }
      sleep();
    }
  }

  private static void awaitLogin(KafkaClientConfig client, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> config =
        client.with(
            Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
    while (true) {
      try (Admin admin = Admin.create(config)) {
        admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof SaslAuthenticationException)
            || System.nanoTime() > deadline) {
          throw new IllegalStateException("The new SCRAM credential is not accepted: " + e, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for a SCRAM login", e);
      } catch (TimeoutException e) {
        throw new IllegalStateException("No SCRAM login within " + timeout, e);
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for a SCRAM login", e);
    }
  }
}
