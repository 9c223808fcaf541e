package io.synthkit.method.reversegen;

import io.synthkit.method.reversegen.training.Instruction;
import io.synthkit.method.reversegen.training.SftExample;
import io.synthkit.run.Rng;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Builds proposer prompts in the reference format (methods.md §4.3): a task header, numbered demonstrations sampled
 * from the instruction set, and an open slot the proposer fills. Warm-up prompts hold out a fourth instruction as the
 * completion; iteration prompts may carry steering examples after the demonstrations (the in-context trainer).
 * Thread-safe (immutable; randomness comes from labelled generators).
 */
final class ProposerPrompts {

  private final RunContext ctx;
  private final ReverseGenParams p;
  private final InstructionSet set;

  ProposerPrompts(RunContext ctx, ReverseGenParams p, InstructionSet set) {
    this.ctx = ctx;
    this.p = p;
    this.set = set;
  }

  /**
   * The supervised warm-up set, as {@code preprocess.py} builds it: each instruction becomes the held-out target once
   * (in a seeded order, the first {@code warmup_examples}), shown after distinct other instructions.
   */
  List<SftExample> warmup() {
    List<Instruction> order = Rng.shuffled(set.items(), ctx.rng("warmup/order"));
    int n = p.warmupExamples() == null ? order.size() : Math.min(p.warmupExamples(), order.size());
    List<SftExample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instruction held = order.get(i);
      List<Instruction> others = set.items().stream().filter(x -> x != held).toList();
      List<Instruction> demos = Rng.sample(others, p.demonstrations(), ctx.rng("warmup/" + i + "/demos"));
      out.add(new SftExample(render(demos), held.text(), held.id()));
    }
    return out;
  }

  /**
   * The prompts of one iteration.
   *
   * @param iteration 1-based
   * @param steering draws the extra examples for one prompt (none for weight-updating trainers)
   */
  List<ProposerCall> iteration(int iteration, Function<SplittableRandom, List<Instruction>> steering) {
    List<ProposerCall> calls = new ArrayList<>(p.promptsPerIteration());
    for (int j = 0; j < p.promptsPerIteration(); j++) {
      String key = "iter/" + iteration + "/prompt/" + j;
      List<Instruction> shown = new ArrayList<>(Rng.sample(set.items(), p.demonstrations(),
          ctx.rng(key + "/demos")));
      shown.addAll(steering.apply(ctx.rng(key + "/steering")));
      calls.add(new ProposerCall(iteration, j, render(shown), shown.size() + 1,
          shown.stream().map(Instruction::id).toList()));
    }
    return calls;
  }

  private Prompt render(List<Instruction> shown) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("number", i + 1);
      item.put("text", shown.get(i).text());
      items.add(item);
    }
    return ctx.prompts().render("reversegen/propose-" + p.task().wire(), Map.of("items", items, "next",
        shown.size() + 1, "subject", set.subject()));
  }
}
