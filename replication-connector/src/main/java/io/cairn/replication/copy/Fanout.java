package io.cairn.replication.copy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Sends independent registry requests of one copy at the same time: the lookups of a manifest's
 * accessories (a referrers query and three cosign tag HEADs), the blobs of a manifest. Each of them
 * is a round trip that waits on nothing but the registry, and one after the other they made most of
 * a closure's copy time (4 round trips per manifest to find its accessories, 3 per blob).
 */
final class Fanout {
  /**
   * At most this many of one call's requests at once: a manifest of a hundred layers is no storm.
   */
  static final int WIDTH = 4;

  /**
   * Daemon threads, made as needed and gone after a minute idle: a plugin leaves nothing behind.
   */
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "cairn-replication-fanout");
            t.setDaemon(true);
            return t;
          });

  /** One request: its answer, or why there is none. */
  @FunctionalInterface
  interface Request<T> {
    T send() throws IOException;
  }

  private Fanout() {}

  /**
   * Sends {@code requests} ({@value #WIDTH} at a time, one of them on the calling thread) and
   * returns their answers in order. When any fails, the first failure in order is thrown once all
   * of its window have ended, so no request outlives the call.
   */
  static <T> List<T> all(List<Request<T>> requests) throws IOException {
    List<T> answers = new ArrayList<>(requests.size());
    for (int start = 0; start < requests.size(); start += WIDTH) {
      List<Request<T>> window = requests.subList(start, Math.min(requests.size(), start + WIDTH));
      List<Future<T>> sent = new ArrayList<>(window.size());
      for (int i = 1; i < window.size(); i++) {
        Request<T> request = window.get(i);
        sent.add(POOL.submit(request::send));
      }
      FutureTask<T> first = new FutureTask<>(window.get(0)::send);
      first.run();
      sent.add(0, first);
      answers.addAll(collect(sent));
    }
    return answers;
  }

  private static <T> List<T> collect(List<Future<T>> sent) throws IOException {
    List<T> answers = new ArrayList<>(sent.size());
    Throwable failure = null;
    boolean interrupted = false;
    for (Future<T> future : sent) {
      while (true) {
        try {
          answers.add(future.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the others still run: wait for them, then say so
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
          answers.add(null);
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while registry requests were under way");
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure != null) {
      throw new IOException(failure);
    }
    return answers;
  }
}
