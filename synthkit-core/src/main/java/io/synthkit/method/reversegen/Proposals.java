package io.synthkit.method.reversegen;

import io.synthkit.json.Json;
import io.synthkit.spi.Choice;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    List<List<Choice>> replies = ctx.parallel(calls, c -> proposer.completions(c.prompt(), p.samplesPerPrompt(),
        c.key() + "/propose"));
    List<Candidate> kept = new ArrayList<>();
    int samples = 0;
    int cleaned = 0;
    for (int j = 0; j < calls.size(); j++) {
      ProposerCall call = calls.get(j);
      for (int s = 0; s < replies.get(j).size(); s++) {
        samples++;
        String raw = replies.get(j).get(s).text();
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
    List<Reply<QualityVerdict>> verdicts = ctx.parallel(candidates, c -> checker.tryAsk(
        ctx.prompts().render("reversegen/check", Map.of("instruction", c.text(), p.task().wire(), true)),
        QualityVerdict.class, c.key() + "/check"));
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      if (verdicts.get(i) instanceof Reply.Invalid<QualityVerdict> bad) {
        ctx.reject(new Rejection(c.key() + "/check", "parse", bad.reason(), Json.object().put("instruction",
            c.text()), bad.raw(), null));
      } else if (!((Reply.Ok<QualityVerdict>) verdicts.get(i)).value().valid()) {
        ctx.reject(new Rejection(c.key() + "/check", "quality", "the checker found it invalid: "
            + ((Reply.Ok<QualityVerdict>) verdicts.get(i)).value().reasoning(), Json.object().put("instruction",
            c.text()), null, null));
      } else {
        out.add(c);
      }
    }
    return out;
  }
}
