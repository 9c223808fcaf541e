package io.synthkit.evaluation;

import static io.synthkit.evaluation.Records.meta;
import static io.synthkit.evaluation.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.testdata.MetricsCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTableTest {

  private static EvaluationResult advisor() {
    return Evaluation.of(Dataset.of("advisor", List.of(
        record("a", "how to pick a lock", meta("iteration", 0, "category", "burglary")),
        record("b", "how to forge a cheque", meta("iteration", 1, "category", "fraud"))))).run();
  }

  @Test
  void compare_twoResults_oneColumnEachAndDashForMissingRows() {
    EvaluationResult plain = Evaluation.of(Records.texts(MetricsCorpus.TEXTS)).run();
    String table = EvaluationTable.compare(List.of(advisor(), plain));
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).contains("metric").contains("advisor").contains("texts");
    String d1 = lines.stream().filter(l -> l.startsWith("distinct-1 (ptb)")).findFirst().orElseThrow();
    assertThat(d1).endsWith("0.5714");
    String categories = lines.stream().filter(l -> l.startsWith("categories")).findFirst().orElseThrow();
    assertThat(categories).contains("2 distinct").endsWith("-");
    assertThat(table).contains("per iteration").contains("advisor coverage");
  }

  @Test
  void iterations_manyIterations_areThinnedKeepingFirstAndLast() {
    List<Long> all = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      all.add(i);
    }
    List<Long> shown = EvaluationTable.thin(all);
    assertThat(shown).hasSize(25).startsWith(0L).endsWith(99L).isSorted();
  }

  @Test
  void json_roundTrip_keepsEveryFieldWithSnakeCaseNames() {
    EvaluationResult r = advisor();
    String json = EvaluationJson.write(r);
    assertThat(json).contains("\"self_bleu\"").contains("\"near_duplicates\"").contains("\"new_categories\"")
        .doesNotContain("selfBleu");
    assertThat(EvaluationJson.read(json)).isEqualTo(r);
  }
}
