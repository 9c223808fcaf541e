package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Math oracle (methods.md §4.4): a gold answer from the solver role at temperature 0, or from a program the solver
 * writes run in the sandbox ({@code math_gold: sandbox}, which also requires the program to agree with the solution);
 * the target fails when its final number ({@link MathAnswers}) differs from the gold one or is missing. A problem
 * without a usable gold answer is undecided, not a failure. Thread-safe.
 */
final class MathOracle implements Oracle {

  private final Llm solver;
  private final PromptLibrary prompts;
  private final RunContext sandboxes;
  private final boolean useSandbox;

  MathOracle(Llm solver, PromptLibrary prompts, RunContext ctx, boolean useSandbox) {
    this.solver = solver;
    this.prompts = prompts;
    this.sandboxes = ctx;
    this.useSandbox = useSandbox;
  }

  /** A gold answer with the solution that becomes the target's training response, or why there is none. */
  private record Gold(@Nullable String answer, @Nullable String solution, Verdict.@Nullable Undecided problem) {
    static Gold of(String answer, String solution) {
      return new Gold(answer, solution, null);
    }

    static Gold none(String reason, @Nullable String raw) {
      return new Gold(null, null, new Verdict.Undecided("gold", reason, raw));
    }
  }

  @Override
  public Verdict judge(Probe probe) {
    Prompt prompt = prompts.render("reversegen/solve-math", Map.of("instruction", probe.candidate().text(),
        "program", useSandbox));
    String key = probe.candidate().key() + "/solve";
    Gold g = useSandbox ? fromProgram(solver.tryAsk(prompt, GoldProgram.class, key))
        : fromSolution(solver.tryAsk(prompt, GoldSolution.class, key));
    if (g.problem() != null) {
      return g.problem();
    }
    Optional<String> said = MathAnswers.extract(probe.response());
    boolean failure = said.isEmpty() || !said.get().equals(g.answer());
    ObjectNode detail = Json.object().put("gold_answer", g.answer()).put("target_answer", said.orElse(null))
        .put("gold_solution", g.solution());
    return new Verdict.Judged(failure, failure ? 1.0 : 0.0, detail);
  }

  private static Gold fromSolution(Reply<GoldSolution> reply) {
    if (reply instanceof Reply.Invalid<GoldSolution> bad) {
      return Gold.none("unreadable solver reply: " + bad.reason(), bad.raw());
    }
    GoldSolution s = ((Reply.Ok<GoldSolution>) reply).value();
    Optional<String> answer = s.answer() == null ? Optional.empty() : MathAnswers.normalize(s.answer().toPlainString());
    return answer.map(a -> Gold.of(a, solutionEndingWith(s.solution(), a)))
        .orElseGet(() -> Gold.none("the solver gave no numerical answer", null));
  }

  private Gold fromProgram(Reply<GoldProgram> reply) {
    if (reply instanceof Reply.Invalid<GoldProgram> bad) {
      return Gold.none("unreadable solver reply: " + bad.reason(), bad.raw());
    }
    GoldProgram g = ((Reply.Ok<GoldProgram>) reply).value();
    ExecutionResult run = sandboxes.sandbox().run(g.program(), sandboxes.sandboxLimits(), "answer");
    if (run instanceof ExecutionResult.Failed f) {
      return Gold.none("the solver's program failed (" + f.kind() + "): " + f.message(), g.program());
    }
    String value = ((ExecutionResult.Ok) run).value();
    Optional<String> computed = value == null ? Optional.empty() : MathAnswers.normalize(value);
    Optional<String> stated = g.answer() == null ? Optional.empty()
        : MathAnswers.normalize(g.answer().toPlainString());
    if (computed.isEmpty() || !computed.equals(stated)) {
      return Gold.none("the solver's program computes " + value + " but its solution says "
          + stated.orElse("nothing"), g.program());
    }
    return Gold.of(computed.get(), solutionEndingWith(g.solution(), computed.get()));
  }

  /** The training response must end in the marked answer the target is taught to give. */
  private static String solutionEndingWith(String solution, String answer) {
    String s = solution == null ? "" : solution.strip();
    return MathAnswers.extract(s).filter(answer::equals).isPresent() && s.contains("####") ? s
        : (s + "\n#### " + answer).strip();
  }
}
