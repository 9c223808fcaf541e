package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line that explains a run finishing short: progress, the method's reason, top rejecting steps, a hint. */
class ShortfallTest {

  @Test
  void noRejections_suggestsMoreRoundsOrALowerTarget() {
    assertThat(Shortfall.describe(3, 10, null, Map.of())).isEqualTo("the method finished its work with 3 of 10"
        + " records. Raise the method's round or iteration limits, or lower target");
    assertThat(Shortfall.describe(3, 10, "  ", Map.of())).doesNotContain("(");
    assertThat(Shortfall.describe(3, 10, "no new item for 20 rounds", Map.of()))
        .startsWith("the method finished its work with 3 of 10 records (no new item for 20 rounds).");
  }

  @Test
  void listsAtMostFourSteps_mostFirst_andHintsAtTheTopOne() {
    Map<String, Integer> steps = new LinkedHashMap<>();
    steps.put("rouge_filter", 40);
    steps.put("length", 9);
    steps.put("duplicate", 5);
    steps.put("parse", 2);
    steps.put("call_failed", 1);
    String line = Shortfall.describe(7, 50, null, steps);
    assertThat(line).isEqualTo("the method finished its work with 7 of 50 records; rejected: rouge_filter 40,"
        + " length 9, duplicate 5, parse 2 (rejected.jsonl). Most candidates were dropped by rouge_filter: relax"
        + " that filter or give the method more rounds");
  }

  @Test
  void eachKnownStep_hasItsOwnHint() {
    assertThat(top("call_failed")).contains("check the endpoint, raise max_retries");
    for (String step : new String[] {"parse", "schema", "invalid", "truncated"}) {
      assertThat(top(step)).as(step).contains("Replies did not match the schema: raise max_repairs");
    }
    assertThat(top("context_length")).contains("use a model with a longer context");
  }

  private static String top(String step) {
    return Shortfall.describe(0, 1, null, Map.of(step, 3));
  }
}
