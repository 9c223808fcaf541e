package io.synthkit.llm;

import io.synthkit.spi.Usage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts calls, tokens and dollars per (role, stage). A resumed run starts from the totals stored in its state
 * ({@link #UsageMeter(Map)}) so the manifest and the budget see the whole run, not just this session. Thread-safe and
 * cheap on the hot path (striped adders).
 */
public final class UsageMeter {

  /**
   * Identifies a counter row.
   *
   * @param role the model role
   * @param stage the pipeline stage (e.g. {@code generate}, {@code reflection})
   */
  public record Key(String role, String stage) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = role.compareTo(o.role);
      return c != 0 ? c : stage.compareTo(o.stage);
    }
  }

  private static final class Counters {
    final LongAdder calls = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder invalid = new LongAdder();
    final LongAdder repairs = new LongAdder();
    final LongAdder prompt = new LongAdder();
    final LongAdder completion = new LongAdder();
    final LongAdder reasoning = new LongAdder();
    final DoubleAdder cost = new DoubleAdder();
    final LongAdder cached = new LongAdder();
    final LongAdder cacheWrite = new LongAdder();
    final DoubleAdder cachedCost = new DoubleAdder();

    Usage snapshot() {
      return new Usage(calls.sum(), cacheHits.sum(), retries.sum(), failures.sum(), invalid.sum(), repairs.sum(),
          prompt.sum(), completion.sum(), cost.sum(), reasoning.sum(), cached.sum(), cacheWrite.sum(), cachedCost.sum());
    }

    void add(Usage u) {
      calls.add(u.calls());
      cacheHits.add(u.cacheHits());
      retries.add(u.retries());
      failures.add(u.failures());
      invalid.add(u.invalidReplies());
      repairs.add(u.repairs());
      prompt.add(u.promptTokens());
      completion.add(u.completionTokens());
      reasoning.add(u.reasoningTokens());
      cost.add(u.costUsd());
      cached.add(u.cachedTokens());
      cacheWrite.add(u.cacheWriteTokens());
      cachedCost.add(u.cachedCostUsd());
    }
  }

  private final Map<Key, Counters> rows = new ConcurrentHashMap<>();
  /** Requests sent and not yet answered (retries and back-off waits included), for progress displays. */
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

  /** A meter starting at zero. */
  public UsageMeter() {
    this(Map.of());
  }

  /**
   * A meter starting from stored totals.
   *
   * @param baseline usage per (role, stage) from earlier sessions of the run
   */
  public UsageMeter(Map<Key, Usage> baseline) {
    baseline.forEach((k, u) -> row(k.role(), k.stage()).add(u));
  }

  private Counters row(String role, String stage) {
    return rows.computeIfAbsent(new Key(role, stage), k -> new Counters());
  }

  void success(String role, String stage, TokenUsage tokens, Price.Charge charge) {
    Counters c = row(role, stage);
    c.calls.increment();
    c.prompt.add(tokens.prompt());
    c.completion.add(tokens.completion());
    c.reasoning.add(tokens.reasoning());
    c.cost.add(charge.total());
    c.cached.add(tokens.cached());
    c.cacheWrite.add(tokens.cacheWrite());
    c.cachedCost.add(charge.cached());
  }

  void sending() {
    inFlight.incrementAndGet();
  }

  void answered() {
    inFlight.decrementAndGet();
  }

  /**
   * Returns how many requests are on their way to a server (this session).
   *
   * @return requests sent and not yet answered or given up
   */
  public int inFlight() {
    return inFlight.get();
  }

  void cacheHit(String role, String stage) {
    row(role, stage).cacheHits.increment();
  }

  void retry(String role, String stage) {
    row(role, stage).retries.increment();
  }

  void failure(String role, String stage) {
    row(role, stage).failures.increment();
  }

  void invalidReply(String role, String stage) {
    row(role, stage).invalid.increment();
  }

  void repair(String role, String stage) {
    row(role, stage).repairs.increment();
  }

  /**
   * Returns every row.
   *
   * @return usage per (role, stage), sorted
   */
  public Map<Key, Usage> rows() {
    Map<Key, Usage> out = new TreeMap<>();
    rows.forEach((k, c) -> out.put(k, c.snapshot()));
    return out;
  }

  /**
   * Returns usage summed per role.
   *
   * @return role to usage, sorted by role
   */
  public Map<String, Usage> byRole() {
    Map<String, Usage> out = new TreeMap<>();
    rows().forEach((k, u) -> out.merge(k.role(), u, Usage::plus));
    return out;
  }

  /**
   * Returns usage summed per stage.
   *
   * @return stage to usage, sorted by stage
   */
  public Map<String, Usage> byStage() {
    Map<String, Usage> out = new TreeMap<>();
    rows().forEach((k, u) -> out.merge(k.stage(), u, Usage::plus));
    return out;
  }

  /**
   * Returns the run's total usage.
   *
   * @return the sum of all rows
   */
  public Usage total() {
    Usage t = Usage.ZERO;
    for (Counters c : rows.values()) {
      t = t.plus(c.snapshot());
    }
    return t;
  }
}
