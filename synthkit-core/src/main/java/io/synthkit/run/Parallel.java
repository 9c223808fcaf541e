package io.synthkit.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs independent pieces of a method's work concurrently on virtual threads and returns their results in input
 * order, so the method consumes model replies in a deterministic order whatever order they arrive in. How many calls
 * really run at once is decided by each endpoint's concurrency limit, not here.
 */
public final class Parallel {

  private Parallel() {}

  /**
   * Applies a function to every item concurrently.
   *
   * @param items the inputs
   * @param fn the work for one input (usually model calls)
   * @param <I> input type
   * @param <O> output type
   * @return the outputs, in input order
   * @throws RuntimeException the first failure (by input order); the other tasks are cancelled
   */
  public static <I, O> List<O> map(List<I> items, Function<? super I, ? extends O> fn) {
    if (items.size() == 1) {
      List<O> one = new ArrayList<>(1); // may hold null, like the concurrent path
      one.add(fn.apply(items.get(0)));
      return one;
    }
    List<O> out = new ArrayList<>(items.size());
    forEachInOrder(items, fn, o -> {
      out.add(o);
      return true;
    });
    return out;
  }

  /**
   * Applies a function to every item concurrently and hands each output to {@code consumer} on the calling thread, in
   * input order, as soon as it and every output before it are ready: results are used while later items still run,
   * in the same order as {@link #map}. Once {@code consumer} returns false it gets nothing more; the remaining work
   * still finishes before this returns.
   *
   * @param items the inputs
   * @param fn the work for one input
   * @param consumer takes one output; returns false to stop
   * @param <I> input type
   * @param <O> output type
   * @throws RuntimeException the first failure (by input order) among the outputs not yet consumed, or the consumer's;
   *     the other tasks are cancelled
   */
  public static <I, O> void forEachInOrder(List<I> items, Function<? super I, ? extends O> fn,
      java.util.function.Predicate<? super O> consumer) {
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<O>> futures = new ArrayList<>(items.size());
      for (I item : items) {
        futures.add(exec.submit(() -> fn.apply(item)));
      }
      try {
        for (Future<O> f : futures) {
          if (!consumer.test(f.get())) {
            return;
          }
        }
      } catch (ExecutionException e) {
        futures.forEach(f -> f.cancel(true));
        throw rethrow(e.getCause());
      } catch (InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      } catch (RuntimeException | Error e) {
        futures.forEach(f -> f.cancel(true));
        throw e;
      }
    }
  }

  private static RuntimeException rethrow(@Nullable Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
