package io.synthkit.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Everything a {@link Method} needs from its run, and nothing of how it is done: model roles, prompts, seeded
 * randomness, components, and where results go. Retries, caching, concurrency limits, quality stages and persistence
 * happen behind it. Thread-safe: methods may call it from several virtual threads.
 */
public interface RunContext extends StageContext {

  /**
   * Declares which field of this method's items holds the main text (quality stages look at it unless told
   * otherwise).
   *
   * @param field e.g. {@code instruction}, {@code question}, {@code prompt}
   */
  void declareTextField(String field);

  /**
   * Returns how many records the run must produce.
   *
   * @return the target
   */
  int target();

  /**
   * Returns a generator for one labelled random choice, derived from the run's seed.
   *
   * @param label names the choice, e.g. {@code iter/3/examples}
   * @return the generator
   */
  SplittableRandom rng(String label);

  /**
   * Applies a function to every item concurrently (on virtual threads) and returns the results in input order, so the
   * method consumes replies in a deterministic order whatever order they arrive in. Use it for a step's independent
   * model calls; how many really run at once is decided by each endpoint's limits.
   *
   * @param items the inputs
   * @param fn the work for one input (usually model calls)
   * @param <I> input type
   * @param <O> output type
   * @return the outputs, in input order
   */
  <I, O> List<O> parallel(List<I> items, Function<? super I, ? extends O> fn);

  /**
   * Like {@link #parallel}, but hands each output to {@code consumer} on the calling thread as soon as it and every
   * output before it are ready, in input order: records reach the dataset (and the progress display) while later
   * items still run, and the method sees the same order as with {@link #parallel}.
   *
   * @param items the inputs
   * @param fn the work for one input (usually model calls)
   * @param consumer uses one output; returns false to take no more (the remaining work still finishes)
   * @param <I> input type
   * @param <O> output type
   */
  default <I, O> void parallelInOrder(List<I> items, Function<? super I, ? extends O> fn,
      java.util.function.Predicate<? super O> consumer) {
    for (O out : parallel(items, fn)) {
      if (!consumer.test(out)) {
        return;
      }
    }
  }

  /**
   * Offers a record to the dataset, through the configured quality stages.
   *
   * @param record the record
   * @return true if it is part of the dataset; false if a stage dropped it or the target is reached
   */
  boolean accept(DataRecord record);

  /**
   * Offers records in order, through the configured quality stages (whose model calls run concurrently across the
   * records), in chunks no larger than what the dataset still needs.
   *
   * @param records candidates in acceptance order
   * @return the records that are now part of the dataset, as the stages left them, in order
   */
  List<DataRecord> acceptAll(List<DataRecord> records);

  /**
   * Records a method decision in {@code events.jsonl}.
   *
   * @param key a unique, deterministic key
   * @param type the kind of event
   * @param data the event's fields
   */
  void event(String key, String type, ObjectNode data);

  /**
   * Tells whether the dataset holds {@code target} records.
   *
   * @return true once it does
   */
  boolean done();

  /**
   * Returns the records in the dataset so far (this and earlier sessions).
   *
   * @return the count
   */
  int accepted();

  /**
   * Returns how many more records are needed.
   *
   * @return target minus accepted, at least 0
   */
  int remaining();

  /**
   * Says what the method is doing, for progress displays.
   *
   * @param text e.g. {@code iteration 12: generating}
   */
  void status(String text);

  /**
   * Says which step the method is in and how many model calls it plans for it: progress displays count the step's
   * calls as they finish against the plan, estimate the time left, and the manifest sums wall time per step name.
   * Call it at the start of each step, e.g. {@code ctx.step("generating", "round 3", 4)}.
   *
   * @param name a short name that stays the same every time the step comes round, e.g. {@code generating}
   * @param detail what is particular to this time, e.g. {@code round 3}, or empty
   * @param plannedCalls the model calls the step expects to make (an estimate is fine), or 0 when it cannot say
   */
  default void step(String name, String detail, int plannedCalls) {
    status(detail.isEmpty() ? name : name + " · " + detail);
  }

  /**
   * Resolves a path from the config against the config file's directory.
   *
   * @param path as written in the config
   * @return the absolute path
   */
  default Path resolve(String path) {
    return config().resolve(path);
  }

  /**
   * Returns the run directory. A method may keep files of its own there (for example training sets), under names the
   * run's own files do not use; they survive resumes like the rest of the run.
   *
   * @return the run directory
   */
  Path runDir();

  /**
   * Returns the fine-tuning API of a role's endpoint (OpenAI's Files and Fine-tuning endpoints, also served by
   * synthkit's simulator), with the role's key, headers and timeout.
   *
   * @param role the role name
   * @return the client, closed with the run
   * @throws SynthkitException (exit 2) when the role's provider has no fine-tuning API synthkit can use
   */
  FineTuning fineTuning(String role);

  /**
   * Reads a value the method stored durably in the run's state (see {@link #remember(String, String)}).
   *
   * @param key the key
   * @return the value, or empty
   */
  java.util.Optional<String> recall(String key);

  /**
   * Stores a small value durably in the run's state (for example the id of a job the method started), so a resumed run
   * finds it even after a crash.
   *
   * @param key the key
   * @param value the value
   */
  void remember(String key, String value);

  /**
   * Tells whether any role's replies are simulated.
   *
   * @return true when the run is simulated
   */
  boolean simulated();

  /**
   * Stops the method promptly when the run was cancelled (Ctrl-C).
   *
   * @throws java.util.concurrent.CancellationException when the thread was interrupted
   */
  void checkCancelled();

  /**
   * Registers a resource the run closes when it ends.
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource
   */
  <T extends AutoCloseable> T closeAtEnd(T resource);
}
