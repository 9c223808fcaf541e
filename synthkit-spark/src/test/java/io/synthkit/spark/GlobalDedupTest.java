package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark dedup gives the single-machine dedup stage's answers on the same texts. */
class GlobalDedupTest {

  static SparkSession spark;
  static JavaSparkContext jsc;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("local[2]", "GlobalDedupTest");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Random sentences, some repeated exactly (other case and spacing) and some with one word changed. */
  static List<String> texts(long seed, int n) {
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int kind = rnd.nextInt(10);
      if (kind == 0 && !out.isEmpty()) {
        out.add("  " + out.get(rnd.nextInt(out.size())).toUpperCase(java.util.Locale.ROOT) + " ");
      } else if (kind <= 2 && !out.isEmpty()) {
        String[] words = out.get(rnd.nextInt(out.size())).split(" ");
        words[rnd.nextInt(words.length)] = "w" + rnd.nextInt(60);
        out.add(String.join(" ", words));
      } else {
        StringBuilder b = new StringBuilder();
        int len = 12 + rnd.nextInt(20);
        for (int w = 0; w < len; w++) {
          b.append(w == 0 ? "" : " ").append("w").append(rnd.nextInt(60));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  /** What the single-machine {@code dedup} stage keeps: exact first, then the near-duplicate index, in order. */
  static List<Integer> singleMachine(List<String> texts, double threshold, Shingler shingler, int limit) {
    ExactDedup exact = new ExactDedup();
    NearDuplicateIndex near = new NearDuplicateIndex(MinHash.datasketch(), shingler, threshold);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < texts.size() && kept.size() < limit; i++) {
      if (exact.add(texts.get(i)) && near.offer(texts.get(i)).isEmpty()) {
        kept.add(i);
      }
    }
    return kept;
  }

  @Test
  void sparkDedup_keepsTheSameTexts_asTheSingleMachineStage() {
    List<String> texts = texts(7, 3000);
    for (GlobalDedup.Params p : List.of(GlobalDedup.Params.DEFAULT,
        new GlobalDedup.Params(null, true, 0.6, "words"), new GlobalDedup.Params(null, true, 0.8, "ngrams3"))) {
      GlobalDedup.Result spark = GlobalDedup.run(jsc, texts, p, Integer.MAX_VALUE);
      List<Integer> local = singleMachine(texts, p.threshold(), p.shingler(), Integer.MAX_VALUE);

      assertThat(spark.kept()).as(p.toString()).isEqualTo(local);
      assertThat(spark.exact()).as("planted exact duplicates are found").isGreaterThan(100);
      assertThat(spark.near()).as("planted near duplicates are found").isGreaterThan(50);
      assertThat(spark.kept().size() + spark.dropped().size()).isEqualTo(texts.size());
      Map<Integer, String> sparkMatches = new HashMap<>();
      String prefix = String.format(java.util.Locale.ROOT, "near duplicate (MinHash Jaccard >= %.2f) of: ",
          p.threshold());
      spark.dropped().stream().filter(d -> d.reason().startsWith(prefix))
          .forEach(d -> sparkMatches.put(d.index(), d.reason().substring(prefix.length())));
      assertThat(sparkMatches).as("each near duplicate names the text the single-machine index matched")
          .isEqualTo(singleMachineMatches(texts, p.threshold(), p.shingler()));
    }
  }

  /** Each near duplicate the single-machine index drops, with the kept text it returned as the match. */
  static Map<Integer, String> singleMachineMatches(List<String> texts, double threshold, Shingler shingler) {
    ExactDedup exact = new ExactDedup();
    NearDuplicateIndex near = new NearDuplicateIndex(MinHash.datasketch(), shingler, threshold);
    List<String> offered = new ArrayList<>();
    Map<Integer, String> out = new HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      if (exact.add(texts.get(i))) {
        offered.add(texts.get(i));
        OptionalInt match = near.offer(texts.get(i));
        if (match.isPresent()) {
          out.put(i, offered.get(match.getAsInt()));
        }
      }
    }
    return out;
  }

  @Test
  void sparkDedup_stopsAtTheLimit_withTheSameFirstTexts() {
    List<String> texts = texts(11, 1000);
    GlobalDedup.Result spark = GlobalDedup.run(jsc, texts, GlobalDedup.Params.DEFAULT, 300);
    assertThat(spark.kept()).hasSize(300)
        .isEqualTo(singleMachine(texts, 0.8, Shingler.words(), 300));
  }

  @Test
  void signatures_areTheSingleMachineSignatures_inOrder() {
    List<String> texts = texts(3, 2500);
    List<int[]> sigs = GlobalDedup.signatures(jsc, texts, GlobalDedup.Params.DEFAULT);
    MinHash mh = MinHash.datasketch();
    assertThat(sigs).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i += 97) {
      assertThat(sigs.get(i)).isEqualTo(mh.signature(Shingler.words().shingles(texts.get(i))));
    }
  }
}
