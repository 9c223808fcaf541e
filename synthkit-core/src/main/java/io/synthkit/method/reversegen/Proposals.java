package io.synthkit.method.reversegen;

import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.spi.Choice;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Step 2a of the loop: sample several completions per proposer prompt, clean each to one instruction, drop duplicates
 * (exact and MinHash, across the run and against the warm-up set) and, optionally, instructions the checker finds
 * invalid. Everything dropped goes to {@code rejected.jsonl} with its reason. Confined to the method's thread (model
 * calls fan out on virtual threads; results are consumed in prompt and sample order).
 */
final class Proposals {

  /**
   * One iteration's proposals.
   *
   * @param candidates the instructions to probe, in prompt and sample order
   * @param samples completions received
   * @param cleaned completions that held an instruction
   * @param unique instructions left after dedup
   */
  record Batch(List<Candidate> candidates, int samples, int cleaned, int unique) {}

  private final RunContext ctx;
  private final ReverseGenParams p;
  private final InstructionDedup dedup;
  private final Llm checker;

  Proposals(RunContext ctx, ReverseGenParams p, InstructionSet seeds, Llm checker) {
    this.ctx = ctx;
    this.p = p;
    this.dedup = new InstructionDedup(p.minhashThreshold(), seeds.items());
    this.checker = checker;
  }

  Batch propose(Llm proposer, List<ProposerCall> calls) {
    List<Attempt<List<Choice>>> replies = ctx.parallel(calls, c -> Attempt.of(() -> proposer.completions(c.prompt(),
        p.samplesPerPrompt(), c.key() + "/propose")));
    List<Candidate> kept = new ArrayList<>();
    int samples = 0;
    int cleaned = 0;
    for (int j = 0; j < calls.size(); j++) {
      ProposerCall call = calls.get(j);
      if (replies.get(j).failed()) {
        ctx.reject(replies.get(j).rejection(call.key() + "/propose", null, null));
        continue;
      }
      List<Choice> choices = Objects.requireNonNull(replies.get(j).value(), "an attempt that did not fail has a value");
      for (int s = 0; s < choices.size(); s++) {
        samples++;
        String raw = choices.get(s).text();
        String key = call.key() + "/sample/" + s;
        var text = InstructionCleaner.clean(p.task(), raw, call.next());
        if (text.isEmpty()) {
          ctx.reject(new Rejection(key, "clean", "no usable " + p.task().wire() + " instruction in the completion",
              null, raw, null));
          continue;
        }
        cleaned++;
        String duplicate = dedup.offer(text.get());
        if (duplicate != null) {
          ctx.reject(new Rejection(key, "duplicate", duplicate, Json.object().put("instruction", text.get()), null,
              null));
          continue;
        }
        Mcq mcq = p.task() == Task.HONESTY ? Mcq.parse(text.get()).orElseThrow() : null;
        kept.add(new Candidate(call, s, text.get(), mcq));
      }
    }
    int unique = kept.size();
    return new Batch(p.qualityFilter() ? checked(kept) : kept, samples, cleaned, unique);
  }

  private List<Candidate> checked(List<Candidate> candidates) {
    List<Attempt<Reply<QualityVerdict>>> verdicts = ctx.parallel(candidates, c -> Attempt.of(() -> checker.tryAsk(
        ctx.prompts().render("reversegen/check", Map.of("instruction", c.text(), p.task().wire(), true)),
        QualityVerdict.class, c.key() + "/check")));
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      Attempt<Reply<QualityVerdict>> attempt = verdicts.get(i);
      if (attempt.failed()) {
        ctx.reject(attempt.rejection(c.key() + "/check", Json.object().put("instruction", c.text()), null));
      } else if (attempt.value() instanceof Reply.Invalid<QualityVerdict> bad) {
        ctx.reject(new Rejection(c.key() + "/check", "parse", bad.reason(), Json.object().put("instruction",
            c.text()), bad.raw(), null));
      } else if (attempt.value() instanceof Reply.Ok<QualityVerdict> ok && !ok.value().valid()) {
        ctx.reject(new Rejection(c.key() + "/check", "quality", "the checker found it invalid: "
            + ok.value().reasoning(), Json.object().put("instruction", c.text()), null, null));
      } else {
        out.add(c);
      }
    }
    return out;
  }
}
