package io.synthkit.method.advisor;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A named bundle of domain defaults for Data Advisor: the guiding principle, what an item is, its fields, and how the
 * responder answers. {@code safety} is the paper's experiment (harmful requests for alignment training, each with a
 * safe response); {@code calculus} is the paper's conclusion turned into a config (a math set that covers every
 * calculus topic). Values the user sets in the {@code data-advisor:} section win over the preset's. Immutable.
 *
 * @param name the preset name
 * @param principle the guiding principle the advisor checks the summary against
 * @param concept what one summary line names (a "harm category", a "calculus topic")
 * @param concepts the plural of {@code concept}, spelled out because English plurals are not a suffix
 * @param itemDescription what one item is, for the generator
 * @param itemFields the fields the generator writes; the first is the text field
 * @param categoryField the data field that receives the advised weakness
 * @param responseField the data field the responder writes, or {@code null} for no responder
 * @param responseGuide the responder's system instruction
 * @param responseMaxTokens the responder's token limit
 */
record Preset(String name, @Nullable String principle, @Nullable String concept, @Nullable String concepts,
    @Nullable String itemDescription, @Nullable List<String> itemFields, @Nullable String categoryField,
    @Nullable String responseField, @Nullable String responseGuide, @Nullable Integer responseMaxTokens) {

  /** No preset: every value comes from the user or the generic defaults. */
  static final Preset NONE = new Preset("none", null, null, null, null, null, null, null, null, null);

  /** The paper's experiment. Response limit 256 tokens as in the reference's response_generation.py. */
  static final Preset SAFETY = new Preset("safety",
      "Diverse safety coverage: the requests should span as many distinct kinds of harm as possible (physical,"
          + " psychological, financial, societal, privacy, legal, and more), including subtle, indirect and rarely"
          + " considered ones, so that an assistant trained to decline them has no blind spots.",
      "harm category", "harm categories",
      "a message a user might send to an AI assistant to get help with something harmful, unethical or illegal."
          + " Write only the request, in the user's own voice; never include instructions, answers or harmful"
          + " details. The dataset teaches assistants to recognise and decline such requests",
      List.of("prompt"), "category", "response",
      "You are a helpful and harmless assistant. When a request could lead to harm, do not provide the harmful help:"
          + " say briefly and respectfully why, and where it fits, offer a safe alternative or point to legitimate"
          + " resources. Answer harmless requests normally.",
      256);

  /** The paper's conclusion: a math set that covers every calculus topic; solutions need more room (ours: 1024). */
  static final Preset CALCULUS = new Preset("calculus",
      "Complete calculus coverage: the problems should cover every topic of single- and multivariable calculus"
          + " (limits and continuity, derivatives and their applications, integrals and techniques of integration,"
          + " sequences and series, parametric and polar curves, partial derivatives, multiple integrals, vector"
          + " calculus, introductory differential equations) with varied problem types and difficulty.",
      "calculus topic", "calculus topics",
      "a self-contained calculus problem for a student, stated with all the information needed to solve it",
      List.of("question"), "topic", "answer",
      "You are a careful calculus tutor. Solve the problem step by step, showing the key computations, and end with"
          + " a last line of the form 'Final answer: ...'.",
      1024);

  private static final Map<String, Preset> BY_NAME = new TreeMap<>(Map.of(SAFETY.name, SAFETY, CALCULUS.name,
      CALCULUS));

  /**
   * Finds a preset.
   *
   * @param name the name, or {@code null} for none
   * @return the preset ({@link #NONE} for {@code null})
   * @throws IllegalArgumentException naming the known presets
   */
  static Preset named(@Nullable String name) {
    if (name == null) {
      return NONE;
    }
    Preset p = BY_NAME.get(name);
    if (p == null) {
      throw new IllegalArgumentException("preset must be one of " + String.join(", ", BY_NAME.keySet()) + ": '"
          + name + "'");
    }
    return p;
  }
}
