package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Step 3: turns judged instructions into the target's training records (methods.md §4.4 step 6), each the instruction
 * with a correct response:
 *
 * <ul>
 *   <li>safety: a safe reply written by the {@code responder} role for a failure (the target's own reply, judged
 *       safe, for a success when {@code keep: all});
 *   <li>math: the solver's reference solution, ending {@code #### answer};
 *   <li>honesty (R-Tuning style): the question with the target's greedy answer and a certainty question, completed
 *       with {@code " sure."} or {@code " unsure."} by the entropy threshold.
 * </ul>
 *
 * <p>Records are offered in chunks no larger than what the dataset still needs, so no responder call is spent on a
 * record that could not fit. Confined to the method's thread.
 */
final class TargetData {

  private final RunContext ctx;
  private final ReverseGenParams p;
  private final Llm responder;

  TargetData(RunContext ctx, ReverseGenParams p, Llm responder) {
    this.ctx = ctx;
    this.p = p;
    this.responder = responder;
  }

  /** Offers the records of one iteration; returns how many joined the dataset. */
  int accept(List<Judged> judged, String proposerModel) {
    List<Judged> chosen = judged.stream().filter(j -> j.failure() || p.keep().equals("all")).toList();
    int accepted = 0;
    for (int i = 0; i < chosen.size() && !ctx.done(); ) {
      List<Judged> chunk = chosen.subList(i, Math.min(chosen.size(), i + Math.max(1, ctx.remaining())));
      i += chunk.size();
      List<Attempt<DataRecord>> attempts = ctx.parallel(chunk, j -> Attempt.of(() -> record(j, proposerModel)));
      List<DataRecord> records = new ArrayList<>();
      for (int k = 0; k < chunk.size(); k++) {
        Candidate c = chunk.get(k).candidate();
        if (attempts.get(k).failed()) {
          ctx.reject(attempts.get(k).rejection(c.key() + "/respond", Json.object().put("instruction", c.text()),
              null));
        } else {
          records.add(Objects.requireNonNull(attempts.get(k).value(), "an attempt that did not fail has a value"));
        }
      }
      accepted += ctx.acceptAll(records).size();
    }
    return accepted;
  }

  private DataRecord record(Judged j, String proposerModel) {
    Candidate c = j.candidate();
    ObjectNode detail = j.verdict().detail();
    ObjectNode data = Json.object();
    switch (p.task()) {
      case SAFETY -> data.put("instruction", c.text()).put("response", j.failure()
          ? responder.text(ctx.prompts().render("reversegen/respond-safety", Map.of("instruction", c.text())),
              c.key() + "/respond")
          : j.probe().response());
      case MATH -> data.put("instruction", c.text()).put("response", detail.path("gold_solution").asText())
          .put("answer", detail.path("gold_answer").asText());
      case HONESTY -> {
        String answer = detail.path("answer").asText();
        data.put("instruction", ctx.prompts().render("reversegen/honesty-label", Map.of("question",
            c.question(), "answer", answer)).lastUserText()).put("response", j.failure() ? " unsure." : " sure.")
            .put("question", c.question()).put("answer", answer);
      }
    }
    return new DataRecord(c.id(), data, meta(j, proposerModel));
  }

  private ObjectNode meta(Judged j, String proposerModel) {
    Candidate c = j.candidate();
    ObjectNode meta = Json.object().put("iteration", c.call().iteration()).put("task", p.task().wire())
        .put("failure", j.failure()).put("proposer_model", proposerModel);
    ArrayNode parents = meta.putArray("parents");
    c.call().parents().forEach(parents::add);
    ObjectNode oracle = j.verdict().detail().deepCopy();
    oracle.remove("gold_solution"); // already the record's response
    if (p.task() == Task.SAFETY) {
      meta.put("category", oracle.path("category").asText(""));
      meta.set("judge", Json.object().put("verdict", oracle.path("verdict").asText()).put("category",
          oracle.path("category").asText("")));
    }
    meta.set("oracle", oracle);
    meta.put("target_response", j.probe().response());
    return meta;
  }
}
