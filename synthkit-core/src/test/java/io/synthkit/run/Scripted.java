package io.synthkit.run;

import io.synthkit.json.Json;
import io.synthkit.spi.BudgetExhaustedException;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A test method that offers {@code offer} numbered records and then ends the way {@code end} says, so the runner's
 * handling of each ending is tested without a model; a {@code body} can use the run context in between. The text of its records carries {@link #variant}, which is not
 * part of the config: a rerun with another variant replays records that differ from the earlier session's.
 */
final class Scripted implements Method<Scripted.Params> {

  static final String NAME = "scripted";

  /** How the method ends after offering its records. */
  enum End { RETURN, RUNTIME, RUNTIME_INTERRUPTED, SYNTHKIT, BUDGET, CANCEL }

  record Params(int offer, End end) {}

  private final String variant;
  private final Consumer<RunContext> body;
  private final AtomicInteger runs = new AtomicInteger();

  Scripted(String variant, Consumer<RunContext> body) {
    this.variant = variant;
    this.body = body;
  }

  Scripted(String variant) {
    this(variant, ctx -> { });
  }

  /** A method that also does {@code body} with its context, after offering its records. */
  Scripted(Consumer<RunContext> body) {
    this("a", body);
  }

  Scripted() {
    this("a");
  }

  /** How many times the runner called {@link #run}. */
  int runs() {
    return runs.get();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "offers numbered records, then ends as configured";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<String> roles() {
    return List.of();
  }

  @Override
  public void run(RunContext ctx, Params p) {
    runs.incrementAndGet();
    ctx.declareTextField("text");
    List<DataRecord> records = new ArrayList<>();
    for (int i = 0; i < p.offer(); i++) {
      records.add(new DataRecord("r" + i, Json.object().put("text", "record " + i + " " + variant), Json.object()));
    }
    ctx.acceptAll(records);
    body.accept(ctx);
    switch (p.end()) {
      case RETURN -> { }
      case RUNTIME -> throw new IllegalStateException("boom");
      case RUNTIME_INTERRUPTED -> {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("a blocking call saw the interrupt");
      }
      case SYNTHKIT -> throw new SynthkitException("the endpoint said no", SynthkitException.EXIT_ENDPOINT);
      case BUDGET -> throw new BudgetExhaustedException("budget.max_tokens 10 reached");
      case CANCEL -> throw new CancellationException("cancelled");
    }
  }
}
