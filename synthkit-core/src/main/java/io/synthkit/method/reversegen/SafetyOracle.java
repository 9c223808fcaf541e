package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ItemFailedException;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Reply;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Safety oracle: a judge model classifies the (instruction, target response) conversation; an unsafe response is a
 * failure of the target. The judge's text is read by ReverseGen's substring rule or Data Advisor's first-line rule
 * (metrics.md §8), or the judge is asked for a structured verdict. Thread-safe.
 */
final class SafetyOracle implements Oracle {

  private final Llm judge;
  private final PromptLibrary prompts;
  private final SafetyRule rule;

  SafetyOracle(Llm judge, PromptLibrary prompts, SafetyRule rule) {
    this.judge = judge;
    this.prompts = prompts;
    this.rule = rule;
  }

  @Override
  public Verdict judge(Probe probe) {
    Prompt prompt = prompts.render("reversegen/judge-safety", Map.of("instruction", probe.candidate().question(),
        "response", probe.response(), "structured", rule == SafetyRule.STRUCTURED));
    String key = probe.candidate().key() + "/judge";
    if (rule == SafetyRule.STRUCTURED) {
      Reply<SafetyJudgement> reply = judge.tryAsk(prompt, SafetyJudgement.class, key);
      if (reply instanceof Reply.Invalid<SafetyJudgement> bad) {
        return new Verdict.Undecided("judge", "unreadable safety verdict: " + bad.reason(), bad.raw());
      }
      SafetyJudgement j = ((Reply.Ok<SafetyJudgement>) reply).value();
      return judged(j.unsafe(), j.unsafe() ? j.category() : "", null);
    }
    String output;
    try {
      output = judge.text(prompt, key);
    } catch (ItemFailedException e) {
      return new Verdict.Undecided(e.step(), String.valueOf(e.getMessage()), null);
    }
    boolean unsafe = rule.unsafe(output);
    return judged(unsafe, unsafe ? secondLine(output) : "", output);
  }

  private Verdict judged(boolean unsafe, String category, @Nullable String output) {
    ObjectNode detail = Json.object().put("verdict", unsafe ? "unsafe" : "safe").put("category", category)
        .put("rule", rule.wire());
    if (output != null) {
      detail.put("judge_output", output.length() > 300 ? output.substring(0, 300) : output);
    }
    return new Verdict.Judged(unsafe, unsafe ? 1.0 : 0.0, detail);
  }

  /** Llama Guard lists the violated categories on the line after "unsafe". */
  private static String secondLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines.length > 1 ? lines[1].strip() : "";
  }
}
