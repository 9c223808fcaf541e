package io.synthkit.method.aide;

import io.synthkit.spi.Llm;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Self-reflection (paper Appendix E and N; methods.md §5.5): a grader scores each candidate from 1 to 10 — relevance to
 * the seed on attribute paths, diversity against the parent on persona paths — and a candidate is accepted when the
 * score is strictly above the threshold. Otherwise the synthesizer improves it from the grader's feedback and it is
 * graded again, up to a limit of improvements; a candidate never accepted is rejected, as the paper says ("data
 * exceeding a score threshold is added"), unless {@code keep_unaccepted} reproduces the code, which kept it.
 *
 * <p>Before every grade a question over the length limit is shortened once and rejected if it is still too long (the
 * code shortened before grading and its post-processing dropped long items). Thread-safe.
 */
final class Reflection {

  private final Llm grader;
  private final Llm reviser;
  private final AidePrompts prompts;
  private final AideParams p;
  private final Schema gradeSchema;

  Reflection(Llm grader, Llm reviser, AidePrompts prompts, AideParams p) {
    this.grader = grader;
    this.reviser = reviser;
    this.prompts = prompts;
    this.p = p;
    this.gradeSchema = Replies.schema(Replies.Grade.class, s -> Replies.range(s, "score", 1, 10));
  }

  /**
   * Runs the loop for one candidate.
   *
   * @param key the child's key prefix, e.g. {@code node/s0.a1o2}
   * @param relevance true on attribute paths (grade relevance to the seed), false on persona paths (diversity)
   * @param candidate the synthesized question
   * @param reference the seed's question (relevance) or the parent's (diversity)
   * @return the verdict
   */
  Verdict reflect(String key, boolean relevance, String candidate, String reference) {
    String q = candidate;
    List<Integer> grades = new ArrayList<>();
    int limit = relevance ? p.maxImproveRelevance() : p.maxImproveDiversity();
    String kind = relevance ? "relevance" : "diversity";
    for (int round = 0; ; round++) {
      Reply<Replies.Draft> fitted = fit(q, key + "/shorten/" + round);
      if (fitted instanceof Reply.Invalid<Replies.Draft> bad) {
        return new Verdict.Failed("parse", "shorten: " + bad.reason(), q, bad.raw(), grades);
      }
      q = ((Reply.Ok<Replies.Draft>) fitted).value().question().strip();
      if (q.isEmpty()) {
        return new Verdict.Failed("empty", "the model returned an empty question", q, fitted.raw(), grades);
      }
      if (p.maxChars() > 0 && q.length() > p.maxChars()) {
        return new Verdict.Failed("length", q.length() + " characters > max_chars " + p.maxChars()
            + " after shortening", q, fitted.raw(), grades);
      }
      if (!p.reflection()) {
        return new Verdict.Passed(q, grades, true);
      }
      Reply<Replies.Grade> graded = grader.askMany(prompts.render("grade-" + kind, Map.of("reference", reference,
          "candidate", q)), gradeSchema, Replies.Grade.class, 1, key + "/grade/" + round).get(0);
      if (graded instanceof Reply.Invalid<Replies.Grade> bad) {
        return new Verdict.Failed("parse", "grade: " + bad.reason(), q, bad.raw(), grades);
      }
      Replies.Grade g = ((Reply.Ok<Replies.Grade>) graded).value();
      grades.add(g.score());
      if (g.score() > p.acceptThreshold()) {
        return new Verdict.Passed(q, grades, true);
      }
      if (round == limit) {
        return p.keepUnaccepted() ? new Verdict.Passed(q, grades, false) : new Verdict.Failed("reflection", kind
            + " grades " + grades + " never above " + p.acceptThreshold() + " after " + limit + " improvements; last"
            + " feedback: " + g.feedback(), q, graded.raw(), grades);
      }
      Reply<Replies.Draft> improved = reviser.tryAsk(prompts.render("improve", Map.of("relevance", relevance,
          "diversity", !relevance, "reference", reference, "candidate", q, "feedback", g.feedback(),
          "score", g.score())), Replies.Draft.class, key + "/improve/" + round);
      if (improved instanceof Reply.Invalid<Replies.Draft> bad) {
        return new Verdict.Failed("parse", "improve: " + bad.reason(), q, bad.raw(), grades);
      }
      q = ((Reply.Ok<Replies.Draft>) improved).value().question();
    }
  }

  /** Shortens a question over the limit; a question within it comes back unchanged without a call. */
  private Reply<Replies.Draft> fit(String q, String key) {
    if (p.maxChars() == 0 || q.length() <= p.maxChars()) {
      return new Reply.Ok<>(new Replies.Draft(q), null);
    }
    return reviser.tryAsk(prompts.render("shorten", Map.of("candidate", q, "length", q.length(),
        "max_chars", p.maxChars())), Replies.Draft.class, key);
  }
}
