package io.synthkit.run;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Words the end of a run that finished short of its target: how far it got, what stopped it (the method's own
 * reason and the steps that rejected most items) and what to change. A script sees the status {@code incomplete}
 * and exit code 5; a person reads this line.
 */
final class Shortfall {

  private Shortfall() {}

  /**
   * Describes a shortfall.
   *
   * @param accepted records in the dataset
   * @param target the target
   * @param stopped the method's reason for stopping ({@code summary.stopped}), or {@code null}
   * @param rejectedBySteps rejections per step, most first
   * @return one line
   */
  static String describe(int accepted, int target, String stopped, Map<String, Integer> rejectedBySteps) {
    StringBuilder sb = new StringBuilder("the method finished its work with ").append(accepted).append(" of ")
        .append(target).append(" records");
    if (stopped != null && !stopped.isBlank()) {
      sb.append(" (").append(stopped).append(')');
    }
    if (!rejectedBySteps.isEmpty()) {
      sb.append("; rejected: ").append(rejectedBySteps.entrySet().stream().limit(4)
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append(" (rejected.jsonl)");
      sb.append(". ").append(hint(rejectedBySteps.keySet().iterator().next()));
    } else {
      sb.append(". Raise the method's round or iteration limits, or lower target");
    }
    return sb.toString();
  }

  /** What to change when one step rejected the most items. */
  private static String hint(String step) {
    return switch (step) {
      case "call_failed" -> "Model calls failed through their retries: check the endpoint, raise max_retries or"
          + " lower max_concurrency, then run the same command (failed calls are sent again)";
      case "parse", "schema", "invalid", "truncated" -> "Replies did not match the schema: raise max_repairs or"
          + " max_tokens, set structured_output, or use a stronger model";
      case "context_length" -> "Prompts do not fit the model's context: use a model with a longer context or"
          + " shorter inputs";
      default -> "Most candidates were dropped by " + step + ": relax that filter or give the method more rounds";
    };
  }
}
