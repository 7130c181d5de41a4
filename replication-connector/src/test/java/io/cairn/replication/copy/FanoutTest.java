package io.cairn.replication.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FanoutTest {
  @Test
  void answersComeInTheOrderAskedAndAWindowRunsAtOnce() throws IOException {
    // Each request of the first window waits for all four: only if they run at once do they end.
    CountDownLatch together = new CountDownLatch(Fanout.WIDTH);
    List<Fanout.Request<Integer>> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      requests.add(
          () -> {
            if (n < Fanout.WIDTH) {
              together.countDown();
              await(together);
            }
            return n * 10;
          });
    }
    assertEquals(List.of(0, 10, 20, 30, 40, 50), Fanout.all(requests));
  }

  @Test
  void neverMoreThanItsWidthAtOnce() throws IOException {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Fanout.Request<String>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(
          () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(5);
            running.decrementAndGet();
            return "ok";
          });
    }
    assertEquals(20, Fanout.all(requests).size());
    assertTrue(most.get() <= Fanout.WIDTH, "at most " + Fanout.WIDTH + ", saw " + most.get());
  }

  @Test
  void theFirstFailureInOrderIsThrownOnceTheOthersHaveEnded() {
    IOException first = new IOException("blob 1 refused");
    Ended ended = new Ended();
    List<Fanout.Request<String>> requests =
        List.of(
            () -> ended.add("0"),
            () -> {
              sleep(20);
              ended.add("1");
              throw first;
            },
            () -> {
              ended.add("2");
              throw new IllegalStateException("later in order");
            },
            () -> {
              sleep(50);
              return ended.add("3");
            });
    IOException thrown = assertThrows(IOException.class, () -> Fanout.all(requests));
    assertSame(first, thrown);
    assertEquals(4, ended.size(), "no request outlives the call: " + ended);
  }

  @Test
  void aRuntimeFailureComesThroughAsItself() {
    List<Fanout.Request<String>> requests =
        List.of(
            () -> "fine",
            () -> {
              throw new IllegalArgumentException("a destination name too short");
            });
    assertThrows(IllegalArgumentException.class, () -> Fanout.all(requests));
  }

  @Test
  void anInterruptWaitsForTheRequestsUnderWayThenSaysSo() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger ended = new AtomicInteger();
    Thread caller = Thread.currentThread();
    List<Fanout.Request<String>> requests =
        List.of(
            () -> {
              caller.interrupt(); // the caller is interrupted while its other request runs
              return "first";
            },
            () -> {
              started.countDown();
              sleep(100);
              ended.incrementAndGet();
              return "second";
            });
    assertThrows(InterruptedIOException.class, () -> Fanout.all(requests));
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertEquals(1, ended.get(), "the request under way was waited for");
    assertTrue(started.await(0, TimeUnit.SECONDS));
  }

  @Test
  void nothingToSendIsNothing() throws IOException {
    assertEquals(List.of(), Fanout.all(List.<Fanout.Request<String>>of()));
  }

  /** The names of the requests that ended, from any thread. */
  private static final class Ended {
    private final java.util.Set<String> names = ConcurrentHashMap.newKeySet();

    String add(String name) {
      names.add(name);
      return name;
    }

    int size() {
      return names.size();
    }

    @Override
    public String toString() {
      return names.toString();
    }
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IOException("the window's requests did not run at once");
      }
    } catch (InterruptedException e) {
      throw new InterruptedIOException();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
