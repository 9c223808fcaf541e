package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a 400/413/422 and says what it means for the request: the prompt is too long for the model, one parameter
 * needs a fix (renamed, capped or dropped), the structured-output parameters were refused, the item itself was
 * refused (a content policy, a message the server will not take), or nothing synthkit can fix. The parameter comes
 * from OpenAI's {@code param} field when there is one, else from the message (OpenAI, Anthropic and vLLM name it in
 * quotes or before a colon). Stateless.
 */
final class BadRequest {

  private BadRequest() {}

  /** What the error means. */
  sealed interface Remedy {
    /** The prompt does not fit the model's context. */
    record ContextLength() implements Remedy {}

    /**
     * A parameter needs this fix.
     *
     * @param fix the fix
     */
    record Param(ParamRules.Fix fix) implements Remedy {}

    /**
     * The structured-output parameters ({@code response_format}, {@code tools}) were refused.
     *
     * @param param which one
     */
    record Mode(String param) implements Remedy {}

    /** This item was refused (content policy, a message the server will not take); the endpoint is fine. */
    record ItemRefused() implements Remedy {}

    /** Nothing synthkit can change fixes it. */
    record None() implements Remedy {}
  }

  /** Parameters a message may name, in no particular order: the earliest mention in the message wins. */
  private static final List<String> KNOWN = List.of("max_completion_tokens", "max_tokens", "temperature", "top_p",
      "top_k", "stop", "stop_sequences", "seed", "n", "response_format", "json_schema", "tool_choice", "tools",
      "functions", "function_call", "reasoning_effort", "stream_options", "stream", "logprobs", "top_logprobs",
      "frequency_penalty", "presence_penalty", "parallel_tool_calls", "messages");
  /** Parameters that carry structured output: refusing them is a mode downgrade, not a drop. */
  private static final Set<String> STRUCTURED = Set.of("response_format", "json_schema", "tool_choice", "tools",
      "functions", "function_call", "parallel_tool_calls");
  /** Parameters a request cannot go without. */
  private static final Set<String> ESSENTIAL = Set.of("model", "messages", "system", "prompt");
  private static final Set<String> REFUSAL_CODES = Set.of("content_policy_violation", "content_filter",
      "invalid_prompt");
  private static final Pattern INTEGER = Pattern.compile("(?<![\\w.-])(\\d{1,9})(?![\\w.])");

  /**
   * Diagnoses an error.
   *
   * @param error the parsed error body
   * @param status the HTTP status
   * @param sent the body that was refused
   * @param structured whether the request asked for JSON through parameters
   * @param openAi whether the endpoint speaks the OpenAI protocol (which has {@code max_completion_tokens})
   * @return the remedy
   */
  static Remedy diagnose(ErrorBody error, int status, ObjectNode sent, boolean structured, boolean openAi) {
    String m = error.message().toLowerCase(Locale.ROOT);
    if (status == 413 || m.contains("context length") || m.contains("context_length") || m.contains("maximum context")
        || m.contains("too many tokens") || m.contains("prompt is too long") || m.contains("context window")) {
      return new Remedy.ContextLength();
    }
    if (REFUSAL_CODES.contains(error.code()) || m.contains("content management policy")
        || m.contains("usage policy") || m.contains("usage policies")) {
      return new Remedy.ItemRefused();
    }
    String param = named(error, sent);
    if (param == null) {
      boolean aboutStructure = m.contains("response_format") || m.contains("json_schema") || m.contains("tool")
          || m.contains("schema") || m.contains("function");
      return structured && aboutStructure ? new Remedy.Mode("response_format") : new Remedy.None();
    }
    if (STRUCTURED.contains(param)) {
      return structured ? new Remedy.Mode(param) : new Remedy.None();
    }
    if (param.equals("messages")) {
      return new Remedy.ItemRefused();
    }
    if (ESSENTIAL.contains(param)) {
      return new Remedy.None();
    }
    if (param.equals("max_tokens") || param.equals("max_completion_tokens")) {
      return tokenLimit(param, error, sent, openAi);
    }
    return sent.has(param) ? new Remedy.Param(new ParamRules.Drop(param)) : new Remedy.None();
  }

  /**
   * A token-limit parameter: capped at the maximum the message names, renamed where OpenAI wants the new name, else
   * dropped (never for Anthropic, which requires it).
   */
  private static Remedy tokenLimit(String param, ErrorBody error, ObjectNode sent, boolean openAi) {
    String m = error.message().toLowerCase(Locale.ROOT);
    if (openAi && param.equals("max_tokens") && (m.contains("max_completion_tokens")
        || error.code().equals("unsupported_parameter"))) {
      return new Remedy.Param(new ParamRules.Rename("max_tokens", "max_completion_tokens"));
    }
    JsonNode value = sent.get(param);
    if (value != null && value.isNumber()) {
      long max = largestBelow(error.message(), value.asLong());
      if (max > 0) {
        return new Remedy.Param(new ParamRules.Cap(param, max));
      }
    }
    return openAi && sent.has(param) ? new Remedy.Param(new ParamRules.Drop(param)) : new Remedy.None();
  }

  /** The largest integer in a message below the value sent: the limit the server states ("at most 16384"). */
  static long largestBelow(String message, long sent) {
    long best = -1;
    Matcher mm = INTEGER.matcher(message);
    while (mm.find()) {
      long v = Long.parseLong(mm.group(1));
      if (v > 0 && v < sent && v > best) {
        best = v;
      }
    }
    return best;
  }

  /** The top-level parameter the error is about, or {@code null}. */
  static @Nullable String named(ErrorBody error, ObjectNode sent) {
    if (!error.param().isBlank()) {
      String top = error.param().split("[.\\[]", 2)[0];
      return top.equals("json_schema") ? "response_format" : top;
    }
    String m = error.message();
    List<String> candidates = new ArrayList<>(KNOWN);
    sent.fieldNames().forEachRemaining(f -> {
      if (!candidates.contains(f)) {
        candidates.add(f);
      }
    });
    @Nullable String best = null;
    int bestAt = Integer.MAX_VALUE;
    for (String p : candidates) {
      int at = firstMention(m, p);
      if (at >= 0 && (at < bestAt || (at == bestAt && best != null && p.length() > best.length()))) {
        best = p;
        bestAt = at;
      }
    }
    return best == null ? null : best.equals("json_schema") ? "response_format" : best;
  }

  /**
   * Where a message names a parameter: quoted anywhere ({@code 'top_p'}, {@code `n`}, {@code "seed"}), or as a bare
   * word of more than one letter ({@code max_tokens: 100000 > 64000}).
   */
  private static int firstMention(String message, String p) {
    int at = -1;
    for (String q : new String[] {"'" + p + "'", "`" + p + "`", "\"" + p + "\""}) {
      int i = message.indexOf(q);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
      }
    }
    if (p.length() > 1) {
      Matcher bare = Pattern.compile("(?<![\\w.])" + Pattern.quote(p) + "(?![\\w])").matcher(message);
      if (bare.find() && (at < 0 || bare.start() < at)) {
        at = bare.start();
      }
    }
    return at;
  }
}
