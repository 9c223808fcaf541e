package io.synthkit.method.aide;

import io.synthkit.spi.ConfigView.DataConfig;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.PromptLibrary;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders AIDE's prompts ({@code aide/*.txt}) with the variables every one of them may use: the task description and
 * constraints, the answer format flags and the length limit. Immutable and thread-safe.
 */
final class AidePrompts {

  /** Incorrect options per multiple-choice item (the paper's MCQ format: 1 correct + 3 incorrect). */
  static final int DISTRACTORS = 3;

  private final PromptLibrary library;
  private final Map<String, Object> common;

  AidePrompts(PromptLibrary library, DataConfig data, AideParams p) {
    this.library = library;
    Map<String, Object> c = new HashMap<>();
    String description = data.description() == null ? "" : data.description().strip();
    c.put("has_description", !description.isEmpty());
    c.put("description", description);
    c.put("constraints", data.constraints());
    c.put("multiple_choice", p.answerFormat() == AnswerFormat.MULTIPLE_CHOICE);
    c.put("yes_no", p.answerFormat() == AnswerFormat.YES_NO);
    c.put("free_text", p.answerFormat() == AnswerFormat.FREE_TEXT);
    c.put("has_limit", p.maxChars() > 0);
    c.put("max_chars", p.maxChars());
    c.put("distractors", DISTRACTORS);
    this.common = Map.copyOf(c);
  }

  /**
   * Renders {@code aide/<name>}.
   *
   * @param name e.g. {@code extract}
   * @param vars the prompt's own variables (they win over the common ones)
   * @return the conversation
   */
  Prompt render(String name, Map<String, ?> vars) {
    Map<String, Object> all = new HashMap<>(common);
    all.putAll(vars);
    return library.render("aide/" + name, all);
  }

  /**
   * Returns the three operation flags of a template.
   *
   * @param op the operation, or {@code null} for none
   * @return {@code op_concretizing}, {@code op_constraints}, {@code op_reasoning}
   */
  static Map<String, Object> operationFlags(@Nullable Operation op) {
    return Map.of("op_concretizing", op == Operation.CONCRETIZING, "op_constraints", op == Operation.CONSTRAINTS,
        "op_reasoning", op == Operation.REASONING);
  }
}
