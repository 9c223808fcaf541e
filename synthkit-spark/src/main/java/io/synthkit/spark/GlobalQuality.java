package io.synthkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.RunConfig;
import io.synthkit.evaluation.FieldPath;
import io.synthkit.spi.DataRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;

/**
 * The merge's global quality stages over the merged records: near-duplicate removal ({@link GlobalDedup}), always,
 * and the embedding group check ({@link GlobalGroupCheck}) when the config has one. Like the single-machine pipeline,
 * each stage sees only the previous one's survivors, in the config's order (dedup first when the config names no
 * dedup), and the walk stops once the target is kept: records after that are neither kept nor dropped.
 */
final class GlobalQuality {

  /** The rejected stage names, as written to rejected.jsonl. */
  static final String DEDUP = "global_dedup";
  static final String GROUP_CHECK = "global_group_check";

  /**
   * A dropped record.
   *
   * @param index its index in the merged order
   * @param stage {@link #DEDUP} or {@link #GROUP_CHECK}
   * @param reason why, naming the earlier record
   */
  record Drop(int index, String stage, String reason) {}

  /**
   * What the global stages decided.
   *
   * @param kept indexes of the kept records, at most the target
   * @param dropped the dropped records, in order
   * @param exact exact duplicates dropped
   * @param near near duplicates dropped
   * @param grouped records dropped by the group check
   * @param field the field the dedup compared
   * @param groupCheck the group check's parameters, or {@code null} when there was none
   * @param groupField the field the group check embedded, or {@code null}
   */
  record Outcome(List<Integer> kept, List<Drop> dropped, int exact, int near, int grouped, FieldPath field,
      GlobalGroupCheck.@Nullable Params groupCheck, @Nullable FieldPath groupField) {}

  private GlobalQuality() {}

  static Outcome run(JavaSparkContext jsc, RunConfig config, List<DataRecord> records, GlobalDedup.Params dedup) {
    FieldPath field = field(dedup.field(), records);
    List<String> texts = texts(records, field);
    GlobalGroupCheck.@Nullable Params check = GlobalGroupCheck.Params.of(config);
    if (check == null) {
      jsc.setJobDescription("synthkit " + config.name() + ": global near-duplicate signatures (" + texts.size()
          + " records)");
      GlobalDedup.Result r = GlobalDedup.run(jsc, texts, dedup, config.target());
      jsc.setJobDescription(null);
      List<Drop> drops = r.dropped().stream().map(d -> new Drop(d.index(), DEDUP, d.reason())).toList();
      return new Outcome(r.kept(), drops, r.exact(), r.near(), 0, field, null, null);
    }
    FieldPath groupField = field(check.field(), records);
    List<String> groupTexts = texts(records, groupField);
    List<Drop> drops = new ArrayList<>();
    List<Integer> alive = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      alive.add(i);
    }
    // Both stages keep the first of a pair, so running each over all survivors and cutting at the target afterwards
    // keeps what a walk that stops at the target keeps.
    for (String stage : groupCheckFirst(config) ? List.of(GROUP_CHECK, DEDUP) : List.of(DEDUP, GROUP_CHECK)) {
      List<Integer> in = alive;
      if (stage.equals(DEDUP)) {
        jsc.setJobDescription("synthkit " + config.name() + ": global near-duplicate signatures (" + in.size()
            + " records)");
        GlobalDedup.Result r = GlobalDedup.run(jsc, in.stream().map(texts::get).toList(), dedup, Integer.MAX_VALUE);
        jsc.setJobDescription(null);
        r.dropped().forEach(d -> drops.add(new Drop(in.get(d.index()), DEDUP, d.reason())));
        alive = r.kept().stream().map(in::get).toList();
      } else {
        GlobalGroupCheck.Result r = GlobalGroupCheck.run(jsc, config.name(),
            in.stream().map(groupTexts::get).toList(), check, ExecutorEmbedder.Spec.of(config.embeddings()));
        List<Integer> survivors = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
          int partner = r.duplicateOf()[k];
          if (partner < 0) {
            survivors.add(in.get(k));
          } else {
            drops.add(new Drop(in.get(k), GROUP_CHECK, check.reason(records.get(in.get(partner)).id())));
          }
        }
        alive = survivors;
      }
    }
    List<Integer> kept = alive.subList(0, Math.min(alive.size(), config.target()));
    int end = kept.size() < config.target() ? records.size() : kept.get(kept.size() - 1) + 1;
    List<Drop> dropped = drops.stream().filter(d -> d.index() < end).sorted(Comparator.comparingInt(Drop::index))
        .toList();
    int exact = (int) dropped.stream().filter(d -> d.stage().equals(DEDUP) && GlobalDedup.isExact(d.reason())).count();
    int grouped = (int) dropped.stream().filter(d -> d.stage().equals(GROUP_CHECK)).count();
    int near = dropped.size() - exact - grouped;
    return new Outcome(List.copyOf(kept), dropped, exact, near, grouped, field, check, groupField);
  }

  /** Whether the config lists {@code group_check} before {@code dedup}. */
  static boolean groupCheckFirst(RunConfig config) {
    for (JsonNode stage : config.section("quality")) {
      String name = stage.isTextual() ? stage.asText() : stage.isObject() && stage.size() == 1
          ? stage.fieldNames().next() : "";
      if (name.equals("dedup")) {
        return false;
      }
      if (name.equals("group_check")) {
        return true;
      }
    }
    return false;
  }

  private static FieldPath field(@Nullable String configured, List<DataRecord> records) {
    return configured != null ? FieldPath.parse(configured)
        : records.isEmpty() ? FieldPath.parse("text") : FieldPath.detect(records);
  }

  private static List<String> texts(List<DataRecord> records, FieldPath field) {
    return records.stream().map(r -> {
      String t = field.text(r);
      return t == null ? "" : t;
    }).toList();
  }
}
