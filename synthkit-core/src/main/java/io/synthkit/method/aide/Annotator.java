package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.Rng;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Annotation (paper Appendix E; methods.md §5.4): the annotator role writes the answer in the task's format, and the
 * grader role checks that it is consistent with the question (the code's answer-in-choices check, extended to every
 * format). A malformed or inconsistent annotation is written again, up to {@code max_annotations} attempts.
 * Thread-safe.
 */
final class Annotator {

  /** The outcome for one question. */
  sealed interface Result {}

  /**
   * An answer that passed the check.
   *
   * @param fields the answer fields of the record ({@code choices} and {@code answer}, or {@code answer})
   * @param attempts annotations written
   */
  record Done(ObjectNode fields, int attempts) implements Result {}

  /**
   * No attempt passed.
   *
   * @param reason the last problem
   * @param raw the last raw model output
   */
  record Failed(String reason, @Nullable String raw) implements Result {}

  /** One annotation as the record would hold it, the text the checker sees, and a structural problem or null. */
  private record Proposal(@Nullable ObjectNode fields, @Nullable String shown, @Nullable String problem) {}

  private final Llm annotator;
  private final Llm checker;
  private final AidePrompts prompts;
  private final AideParams p;
  private final Schema schema;
  private final Class<?> type;

  Annotator(Llm annotator, Llm checker, AidePrompts prompts, AideParams p) {
    this.annotator = annotator;
    this.checker = checker;
    this.prompts = prompts;
    this.p = p;
    this.type = switch (p.answerFormat()) {
      case MULTIPLE_CHOICE -> Replies.MultipleChoice.class;
      case YES_NO -> Replies.YesNo.class;
      case FREE_TEXT -> Replies.FreeText.class;
    };
    this.schema = Replies.schema(type, s -> {
      switch (p.answerFormat()) {
        case MULTIPLE_CHOICE -> Replies.exactly(s, "incorrect", AidePrompts.DISTRACTORS);
        case YES_NO -> Replies.oneOf(s, "answer", "yes", "no");
        case FREE_TEXT -> { }
      }
    });
  }

  /**
   * Annotates a question.
   *
   * @param key the child's key prefix
   * @param question the accepted question
   * @param demonstrations task demonstrations (JSON lines, possibly empty)
   * @param rng shuffles multiple-choice options
   * @return the answer fields, or why there are none
   */
  Result annotate(String key, String question, String demonstrations, SplittableRandom rng) {
    String problem = null;
    String raw = null;
    for (int attempt = 0; attempt < p.maxAnnotations(); attempt++) {
      Reply<?> reply = annotator.askMany(prompts.render("annotate", Map.of("question", question,
          "has_demonstrations", !demonstrations.isEmpty(), "demonstrations", demonstrations)), schema, type, 1,
          key + "/annotate/" + attempt).get(0);
      raw = reply.raw();
      if (reply instanceof Reply.Invalid<?> bad) {
        problem = "unreadable annotation: " + bad.reason();
        continue;
      }
      Proposal proposal = proposal(((Reply.Ok<?>) reply).value(), rng);
      problem = proposal.problem();
      if (problem != null) {
        continue;
      }
      Reply<Replies.Check> check = checker.tryAsk(prompts.render("check", Map.of("question", question,
          "answer", Objects.requireNonNull(proposal.shown(), "a proposal without a problem is shown"))),
          Replies.Check.class, key + "/check/" + attempt);
      if (check instanceof Reply.Ok<Replies.Check> ok && ok.value().consistent()) {
        return new Done(Objects.requireNonNull(proposal.fields(), "a proposal without a problem has fields"),
            attempt + 1);
      }
      problem = check instanceof Reply.Ok<Replies.Check> ok ? "the check found the answer inconsistent: "
          + ok.value().reasoning() : "unreadable check: " + ((Reply.Invalid<Replies.Check>) check).reason();
    }
    return new Failed("no consistent annotation in " + p.maxAnnotations() + " attempts; last problem: " + problem,
        raw);
  }

  private static Proposal proposal(Object value, SplittableRandom rng) {
    return switch (value) {
      case Replies.MultipleChoice mc -> multipleChoice(mc, rng);
      case Replies.YesNo yn -> {
        String a = yn.answer().strip().toLowerCase(Locale.ROOT);
        yield new Proposal(Json.object().put("answer", a), a, null);
      }
      case Replies.FreeText ft -> new Proposal(Json.object().put("answer", ft.answer().strip()), ft.answer().strip(),
          ft.answer().isBlank() ? "the answer is empty" : null);
      default -> throw new IllegalStateException("unexpected annotation " + value);
    };
  }

  /** Shuffles the options (the code's post-processing did the same) and records the correct one's index. */
  private static Proposal multipleChoice(Replies.MultipleChoice mc, SplittableRandom rng) {
    List<String> options = new ArrayList<>();
    options.add(mc.correct().strip());
    mc.incorrect().forEach(o -> options.add(o.strip()));
    Set<String> distinct = new HashSet<>();
    for (String o : options) {
      if (o.isEmpty()) {
        return new Proposal(null, null, "an option is empty");
      }
      if (!distinct.add(o.toLowerCase(Locale.ROOT))) {
        return new Proposal(null, null, "two options are the same: " + o);
      }
    }
    List<String> shuffled = Rng.shuffled(options, rng);
    int answer = shuffled.indexOf(options.get(0));
    ObjectNode fields = Json.object();
    ArrayNode choices = fields.putArray("choices");
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < shuffled.size(); i++) {
      choices.add(shuffled.get(i));
      shown.append((char) ('A' + i)).append(") ").append(shuffled.get(i)).append('\n');
    }
    fields.put("answer", answer);
    shown.append("Marked correct: ").append((char) ('A' + answer));
    return new Proposal(fields, shown.toString(), null);
  }
}
