package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.spi.ItemFailedException;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Steps 2b and 2c of the loop: the target answers every instruction greedily, and the task's oracle labels each
 * (instruction, response) a failure or not. Each instruction's target call and oracle calls run on one virtual
 * thread, so judging starts while other instructions are still being answered. Undecided instructions are rejected
 * with the oracle's reason. Confined to the method's thread.
 */
final class Feedback {

  private final RunContext ctx;
  private final Task task;
  private final Llm target;
  private final Oracle oracle;

  Feedback(RunContext ctx, Task task, Llm target, Oracle oracle) {
    this.ctx = ctx;
    this.task = task;
    this.target = target;
    this.oracle = oracle;
  }

  private record Outcome(Probe probe, Verdict verdict) {}

  /**
   * The judged instructions, in input order; undecided ones are rejected, and so are those whose target or oracle call
   * cannot succeed (a prompt over the context window, retries exhausted).
   */
  List<Judged> judge(List<Candidate> candidates) {
    List<Attempt<Outcome>> outcomes = ctx.parallel(candidates, c -> Attempt.of(() -> {
      Probe probe = new Probe(c, target.text(targetPrompt(c), c.key() + "/target"));
      return new Outcome(probe, oracle.judge(probe));
    }));
    List<Judged> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      Attempt<Outcome> attempt = outcomes.get(i);
      ItemFailedException failure = attempt.failure();
      if (failure != null) {
        ctx.reject(attempt.rejection(c.key() + "/" + failure.step(), Json.object().put("instruction", c.text()),
            null));
        continue;
      }
      Outcome o = Objects.requireNonNull(attempt.value(), "an attempt that did not fail has a value");
      if (o.verdict() instanceof Verdict.Undecided u) {
        ObjectNode item = Json.object().put("instruction", c.text()).put("response", o.probe().response());
        ctx.reject(new Rejection(c.key() + "/" + u.step(), u.step(), u.reason(), item, u.raw(), null));
      } else {
        out.add(new Judged(o.probe(), (Verdict.Judged) o.verdict()));
      }
    }
    return out;
  }

  private Prompt targetPrompt(Candidate c) {
    return task == Task.HONESTY
        ? ctx.prompts().render("reversegen/target-honesty", Map.of("question", c.question()))
        : ctx.prompts().render("reversegen/target-" + task.wire(), Map.of("instruction", c.text()));
  }
}
