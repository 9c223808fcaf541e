package io.synthkit.evaluation;

import static io.synthkit.evaluation.Records.meta;
import static io.synthkit.evaluation.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.embed.HashingEmbedder;
import io.synthkit.metrics.Aps;
import io.synthkit.metrics.RemoteClique;
import io.synthkit.spi.DataRecord;
import io.synthkit.testdata.MetricsCorpus;
import io.synthkit.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

// Values on the metrics.md corpus come from metrics.md §1, §2, §4; here they prove the evaluation feeds the metrics
// the right texts with the right tokenizers, not the formulas themselves (tested in io.synthkit.metrics).
class EvaluationTest {

  @Test
  void run_metricsCorpus_reproducesTheReferenceVectors() {
    EvaluationResult r = Evaluation.of(Records.texts(MetricsCorpus.TEXTS))
        .options(EvaluationOptions.DEFAULT.withTokenizer("whitespace")).run();
    assertThat(r.dataset().texts()).isEqualTo(8);
    assertThat(r.dataset().field()).isEqualTo("instruction");
    assertThat(r.distinct()).extracting(EvaluationResult.Distinct::unique).containsExactly(34L, 37L, 34L, 29L, 22L);
    assertThat(r.distinct()).extracting(EvaluationResult.Distinct::total).containsExactly(55L, 47L, 39L, 31L, 23L);
    // Self-BLEU always uses PTB tokens, whatever the distinct-n tokenizer (metrics.md §2 table, nltk tokens).
    assertThat(r.selfBleu().tokenizer()).isEqualTo("ptb");
    assertThat(r.selfBleu().sampleSize()).isEqualTo(8);
    assertThat(r.selfBleu().bleu2()).isCloseTo(0.5673820000429476, within(1e-9));
    assertThat(r.selfBleu().bleu3()).isCloseTo(0.40426578634553356, within(1e-9));
    assertThat(r.selfBleu().bleu4()).isCloseTo(0.3183773435360023, within(1e-9));
    assertThat(r.selfBleu().bleu5()).isCloseTo(0.2312198134150112, within(1e-9));
    assertThat(r.selfBleu().reverseGen()).isCloseTo(0.38031123583487364, within(1e-9));
    assertThat(r.ingf().collisionV1()).isCloseTo(0.012323323776470002, within(1e-12));
    assertThat(r.ingf().meanFrequencyV2()).isCloseTo(1.1470588235294117, within(1e-12));
    assertThat(r.length().tokens().max()).isEqualTo(8);
    assertThat(r.notes()).anyMatch(n -> n.contains("embedding metrics skipped"));
  }

  @Test
  void run_ptbTokenizer_distinctMatchesTheNltkRow() {
    EvaluationResult r = Evaluation.of(Records.texts(MetricsCorpus.TEXTS)).run();
    assertThat(r.distinct()).extracting(EvaluationResult.Distinct::unique).containsExactly(36L, 42L, 41L, 36L, 30L);
    assertThat(r.distinct().get(0).value()).isCloseTo(0.5714285714285714, within(1e-12));
  }

  @Test
  void run_recordsWithoutText_areLeftOutOfLexicalMetrics() {
    List<DataRecord> rs = new ArrayList<>(Records.texts(MetricsCorpus.TEXTS).records());
    rs.add(record("blank", "   "));
    EvaluationResult r = Evaluation.of(Dataset.of("d", rs)).options(EvaluationOptions.DEFAULT.withTokenizer(
        "whitespace")).run();
    assertThat(r.dataset().records()).isEqualTo(9);
    assertThat(r.dataset().texts()).isEqualTo(8);
    assertThat(r.distinct().get(0).total()).isEqualTo(55);
  }

  @Test
  void run_largerThanTheSelfBleuSample_scoresASeededSampleAndSaysSo() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("text number " + i + " talks about topic " + (i % 7));
    }
    EvaluationOptions o = EvaluationOptions.DEFAULT.withSamples(10, 12);
    Dataset d = Records.texts(texts);
    EvaluationResult a = Evaluation.of(d).options(o).run();
    EvaluationResult b = Evaluation.of(d).options(o).run();
    assertThat(a.selfBleu().sampleSize()).isEqualTo(10);
    assertThat(a.selfBleu().population()).isEqualTo(40);
    assertThat(a.selfBleu()).isEqualTo(b.selfBleu());
    assertThat(a.notes()).anyMatch(n -> n.contains("sample of 10 of 40"));
  }

  @Test
  void run_nearDuplicates_countsLaterCopiesAndNamesThePair() {
    List<String> texts = List.of("write a poem about the sea at night", "explain how vaccines train the immune system",
        "Write a poem about the sea at night", "bake bread at home with a cast iron pot");
    EvaluationResult r = Evaluation.of(Records.texts(texts)).run();
    assertThat(r.nearDuplicates().duplicates()).isEqualTo(1);
    assertThat(r.nearDuplicates().checked()).isEqualTo(4);
    assertThat(r.nearDuplicates().rate()).isEqualTo(0.25);
    assertThat(r.nearDuplicates().examples()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("r2");
      assertThat(p.duplicateOf()).isEqualTo("r0");
    });
  }

  @Test
  void run_withEmbedder_sampledVectorsGiveTheLibraryValues() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      texts.add("item " + i + " about " + (i % 2 == 0 ? "cooking pasta" : "fixing bikes") + " number " + (i % 5));
    }
    try (EmbedderChoice e = EmbedderChoice.hashing("test")) {
      Evaluation.Computed c = Evaluation.of(Records.texts(texts)).embedder(e)
          .options(EvaluationOptions.DEFAULT.withSamples(100, 12)).compute();
      var s = c.result().embedding();
      assertThat(s.sampleSize()).isEqualTo(12);
      assertThat(s.population()).isEqualTo(30);
      assertThat(s.embedder()).isEqualTo("hashing:256");
      assertThat(s.embedderSource()).contains("hashing").contains("test");
      List<float[]> v = new HashingEmbedder().embed(c.generated().texts());
      assertThat(s.remoteCliqueDataGen()).isCloseTo(RemoteClique.dataGen(v), within(1e-9));
      assertThat(s.aps()).isCloseTo(Aps.mean(v), within(1e-9));
      assertThat(c.generated().ids()).hasSize(12).doesNotHaveDuplicates();
      assertThat(c.result().notes()).anyMatch(n -> n.contains("embedding metrics from hashing:256"))
          .anyMatch(n -> n.contains("sample of 12 of 30"));
    }
  }

  @Test
  void run_categories_giveTheClassesOfIntraAndInterClassAps() {
    List<DataRecord> rs = new ArrayList<>();
    String[] cats = {"food", "bikes", "food", "bikes", "food", null};
    for (int i = 0; i < cats.length; i++) {
      rs.add(record("r" + i, "text " + i + " about " + (i % 2 == 0 ? "cooking pasta" : "fixing bikes"),
          cats[i] == null ? meta() : meta("category", cats[i])));
    }
    try (EmbedderChoice e = EmbedderChoice.hashing("test")) {
      Evaluation.Computed c = Evaluation.of(Dataset.of("d", rs)).embedder(e).compute();
      var s = c.result().embedding();
      List<float[]> v = c.generated().vectors();
      // The record without a category pairs with nothing in the intra-class mean.
      List<String> classes = List.of("food", "bikes", "food", "bikes", "food", "none-r5");
      assertThat(s.classesFrom()).isEqualTo("meta.category");
      assertThat(s.apsIntraClass()).isCloseTo(Aps.intraClass(v, classes), within(1e-12));
      assertThat(s.apsInterClass()).isCloseTo(Aps.interClass(v, classes), within(1e-12));
      assertThat(s.apsIntraClass()).isGreaterThan(s.apsInterClass());
    }
  }

  @Test
  void blankTexts_areLeftOutOfEveryMetricAndCounted() {
    EvaluationResult r = Evaluation.of(Records.texts(List.of("one text here", "   ", "two texts here", "three"))).run();
    Map<String, String> rows = EvaluationTable.rows(r);
    assertThat(rows).hasEntrySatisfying("texts (field " + r.dataset().field() + ")",
        v -> assertThat(v).isEqualTo("3 (1 record without text left out of every metric)"));
    assertThat(r.selfBleu().population()).isEqualTo(3);
    assertThat(rows).containsKey("self-BLEU-2 texygen (n=3)");
  }

  @Test
  void aps_withoutAPairOfTheKind_isNotApplicableWithItsReason() {
    // Every record its own class: no intra-class pair. One class for all: no inter-class pair. Was shown as 0.0000.
    for (boolean distinct : new boolean[] {true, false}) {
      List<DataRecord> rs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        rs.add(record("r" + i, "text " + i + " about topic " + i, meta("category", distinct ? "c" + i : "same")));
      }
      try (EmbedderChoice e = EmbedderChoice.hashing("test")) {
        EvaluationResult r = Evaluation.of(Dataset.of("d", rs)).embedder(e).compute().result();
        Map<String, String> rows = EvaluationTable.rows(r);
        if (distinct) {
          assertThat(r.embedding().apsIntraClass()).isNull();
          assertThat(rows.get("APS intra-class (meta.category)")).isEqualTo("n/a (no two records share a class)");
          assertThat(rows.get("APS inter-class (meta.category)")).matches("0\\.\\d{4}");
        } else {
          assertThat(r.embedding().apsInterClass()).isNull();
          assertThat(rows.get("APS inter-class (meta.category)")).isEqualTo("n/a (all records share one class)");
          assertThat(rows.get("APS intra-class (meta.category)")).matches("0\\.\\d{4}");
        }
        assertThat(EvaluationTable.render(r)).doesNotContain("NaN");
        // The JSON keeps the undefined value as null and reads back the same.
        EvaluationResult back = EvaluationJson.read(EvaluationJson.write(r));
        assertThat(EvaluationTable.rows(back)).isEqualTo(rows);
      }
    }
  }

  @Test
  void run_seedRelevance_followsSeedIdAndParentsToTheRootSeed() {
    Dataset seeds = Dataset.of("seeds", List.of(record("seed-0", "bake sourdough bread at home"),
        record("seed-1", "train a puppy to sit")));
    Dataset viaParents = Dataset.of("run", List.of(
        record("a", "bake sourdough bread at home", meta("parents", List.of("seed-0"))),
        record("b", "bake sourdough bread at home", meta("parents", List.of("a"))),
        record("c", "something unrelated entirely", meta("parents", List.of("nowhere")))));
    try (EmbedderChoice e = EmbedderChoice.hashing("test")) {
      var r = Evaluation.of(viaParents).seeds(seeds).embedder(e).run();
      assertThat(r.seedRelevance().via()).isEqualTo("meta.parents");
      assertThat(r.seedRelevance().items()).isEqualTo(2);
      assertThat(r.seedRelevance().meanCosine()).isCloseTo(1.0, within(1e-6));
      Dataset viaSeedId = Dataset.of("run", List.of(
          record("a", "bake sourdough bread at home", meta("seed_id", "seed-0")),
          record("b", "train a puppy to sit", meta("seed_id", "seed-0"))));
      var s = Evaluation.of(viaSeedId).seeds(seeds).embedder(e).run().seedRelevance();
      assertThat(s.via()).isEqualTo("meta.seed_id");
      HashingEmbedder h = new HashingEmbedder();
      double expected = (1 + Vectors.cosine(h.embed("train a puppy to sit"), h.embed("bake sourdough bread at home")))
          / 2;
      assertThat(s.meanCosine()).isCloseTo(expected, within(1e-6));
    }
  }

  @Test
  void run_entityOverlap_usesTheExtractorOnBothSides() {
    EntityExtractor fake = new EntityExtractor() {
      @Override
      public String describe() {
        return "fake";
      }

      @Override
      public Set<String> entities(List<String> texts, String label) {
        // metrics.md §7 vector.
        return label.equals("reference") ? Set.of("Barack Obama", "Berlin", "NASA", "Paris", "UN")
            : Set.of("Angela Merkel", "Barack Obama", "ESA", "Paris", "paris");
      }
    };
    Dataset d = Records.texts(List.of("one text here", "two texts here"));
    var r = Evaluation.of(d).reference(Records.texts(List.of("ref text"))).entityExtractor(fake).run();
    assertThat(r.entities().overlap()).isEqualTo(0.4);
    assertThat(r.entities().shared()).isEqualTo(2);
    assertThat(r.entities().generatedSample()).isEqualTo(2);
    var skipped = Evaluation.of(d).entityExtractor(fake).run();
    assertThat(skipped.entities()).isNull();
    assertThat(skipped.notes()).anyMatch(n -> n.contains("needs a reference"));
    // Each cause named: no reference (with or without a model), no model (with a reference).
    assertThat(Evaluation.of(d).run().notes()).anyMatch(n -> n.contains("needs a reference"))
        .noneMatch(n -> n.contains("no model configured"));
    assertThat(Evaluation.of(d).reference(Records.texts(List.of("ref text"))).run().notes())
        .anyMatch(n -> n.contains("no model configured")).noneMatch(n -> n.contains("needs a reference"));
  }
}
