package io.synthkit.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.PromptLibrary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method's prompt is static-first: the system prompt, the method's instructions and the examples fixed for a run
 * come before the per-item part (the item, the sampled examples, the reviewer's feedback, the operation picked for
 * this call), so that providers' prefix caches (OpenAI's automatic one, Anthropic's breakpoints, vLLM's) can serve
 * the stable part of every request.
 *
 * <p>Each prompt is rendered twice with every section switched on: the stable variables get the same values, the
 * per-item variables (and the per-item switches, such as the operation AIDE picks for one call) different ones. After
 * the point where the two renderings first differ, only short labels between per-item values may remain; a sentence
 * of instructions there would be re-sent uncached on every call.
 */
class StaticFirstPromptsTest {

  /** Template text allowed after the first per-item value: labels such as "Proposed answer:" between values. */
  static final int MAX_STABLE_AFTER = 80;

  static final List<String> METHODS = List.of("aide", "data-advisor", "datagen", "reversegen", "self-instruct",
      "self-reference");

  /**
   * Variables that change from call to call within a run (how the methods fill them): the item and its parts, sampled
   * examples, grades and feedback, retrieved or generated text, and the switches a method picks per call.
   */
  static final Set<String> PER_ITEM = Set.of("question", "answer", "candidate", "reference", "feedback", "score",
      "length", "persona", "topic", "relation", "attribute", "seed", "examples", "example", "item", "weakness",
      "rationale", "summary", "items", "text", "instruction", "response", "program", "next", "number", "subject",
      "hint", "options", "op_concretizing", "op_constraints", "op_reasoning", "residual", "relevance", "diversity",
      "data", "advice", "fixed", "labels");

  /**
   * Where a variable's role differs from {@link #PER_ITEM}: the per-item variables of these prompts. Self-Reference's
   * question/options/answer/labels name fields and the fixed label space (stable for a run); Data Advisor's item
   * describes what an item is.
   */
  static final Map<String, Set<String>> OVERRIDES = Map.of(
      "self-reference/generate", Set.of("example", "hint"),
      "data-advisor/generate", Set.of("examples", "weakness", "rationale"));

  /**
   * Prompts whose layout is the method's data format, not an instruction to reorder: R-Tuning's certainty question
   * must follow the question and answer it asks about, because the target model is trained on exactly this text.
   */
  static final Set<String> FORMAT_BOUND = Set.of("reversegen/honesty-label");

  static Stream<String> methodPrompts() {
    return PromptLibrary.builtInNames().stream().filter(n -> METHODS.contains(n.substring(0, n.indexOf('/'))));
  }

  private static final Pattern TAG = Pattern.compile("\\{\\{([#^/]?)\\s*([\\w.]+)\\s*}}");

  @ParameterizedTest
  @MethodSource("methodPrompts")
  void perItemPartComesLast(String name) {
    if (FORMAT_BOUND.contains(name)) {
      return;
    }
    Set<String> perItem = OVERRIDES.getOrDefault(name, PER_ITEM);
    PromptLibrary lib = PromptLibrary.defaults();
    String source = lib.source(name).replaceAll("(?s)\\{\\{!.*?}}", "");
    Map<String, Object> a = new HashMap<>();
    Map<String, Object> b = new HashMap<>();
    List<String> varyingA = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    Set<String> printed = new TreeSet<>();
    Matcher m = TAG.matcher(source);
    while (m.find()) {
      String var = m.group(2).replaceFirst("\\.0$", "");
      names.add(var);
      if (m.group(1).isEmpty()) {
        printed.add(var);
      }
    }
    names.remove(".");
    for (String var : names) {
      boolean varying = perItem.contains(var);
      boolean list = source.contains("{{#" + var + ".0}}");
      if (list) {
        a.put(var, List.of(var + " rule one", var + " rule two"));
        b.put(var, varying ? List.of(var + " other one", var + " other two") : a.get(var));
      } else if (printed.contains(var)) {
        String va = "[" + var + " alpha value]";
        a.put(var, va);
        b.put(var, varying ? "{" + var + " beta value}" : va);
        if (varying) {
          varyingA.add(va);
        }
      } else {
        // A switch: on in both renderings; a per-item switch's text is per-item (its content differs per call).
        a.put(var, true);
        b.put(var, true);
      }
    }
    String ra = flatten(lib.render(name, a).messages());
    String rb = flatten(lib.render(name, b).messages());
    int i = 0;
    while (i < ra.length() && i < rb.length() && ra.charAt(i) == rb.charAt(i)) {
      i++;
    }
    // A per-item switch's text (e.g. the operation AIDE picks for this call) is per-item too: find its lines by
    // rendering without it; the varying part starts at the earliest of them, and they count as varying.
    Set<String> switchLines = new TreeSet<>();
    for (String var : names) {
      if (perItem.contains(var) && Boolean.TRUE.equals(a.get(var))) {
        Map<String, Object> off = new HashMap<>(a);
        off.put(var, false);
        Set<String> without = new HashSet<>(List.of(flatten(lib.render(name, off).messages()).split("\n")));
        for (String line : ra.split("\n")) {
          if (!line.isBlank() && !without.contains(line)) {
            switchLines.add(line);
          }
        }
      }
    }
    for (String line : switchLines) {
      int at = ra.indexOf(line);
      if (at >= 0 && at < i) {
        i = at;
      }
    }
    String after = ra.substring(i);
    for (String line : switchLines) {
      after = after.replace(line, "");
    }
    for (String v : varyingA) {
      after = after.replace(v, "");
    }
    for (String var : names) {
      if (perItem.contains(var) && a.get(var) instanceof List<?> l) {
        for (Object o : l) {
          after = after.replace(o.toString(), "");
        }
      }
    }
    after = after.replaceAll("\\s+", " ").strip();
    assertThat(after.length()).as("%s: template text after the first per-item value:%n%s", name, after)
        .isLessThanOrEqualTo(MAX_STABLE_AFTER);
  }

  private static String flatten(List<ChatMessage> messages) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage msg : messages) {
      sb.append('<').append(msg.role()).append(">\n").append(msg.content()).append('\n');
    }
    return sb.toString();
  }
}
