package io.synthkit.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.evaluation.Dataset;
import io.synthkit.evaluation.Evaluation;
import io.synthkit.evaluation.EvaluationJson;
import io.synthkit.evaluation.EvaluationResult;
import io.synthkit.evaluation.EvaluationTable;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The dataset card (Hugging Face style markdown with YAML front matter) written beside an export as
 * {@code <name>.README.md} ({@code train.jsonl} gets {@code train.README.md}, so several exports into one directory keep
 * a card each): what the file holds, where it came from (from the run's manifest), its metrics, a SIMULATED warning
 * when it applies, and a licence note. Exporting to the same file again rewrites its card; a file of that name that
 * synthkit did not write is never overwritten (the card then goes to {@code <name>.synthkit-card.md}).
 */
final class DatasetCard {

  /** Marks cards synthkit wrote, so they may be replaced. */
  static final String MARKER = "<!-- synthkit dataset card: rewritten by every synthkit export -->";
  private static final List<String> METRIC_PREFIXES = List.of("records", "distinct-", "self-BLEU", "near-duplicate",
      "length", "embedder", "remote-clique", "APS", "categories", "labels", "ASR", "harmful rate", "target failure rate",
      "  failure rate", "judge");

  private DatasetCard() {}

  /**
   * What the card describes.
   *
   * @param dataset the run (or file) the export came from: its name, manifest and records' metrics
   * @param exported how many items the export read (records, or a run's preference pairs)
   * @param unit what those items are, e.g. "records" or "preference pairs"
   */
  record Source(Dataset dataset, int exported, String unit) {}

  static Path write(Source source, ExportResult result, ExportOptions options, ObjectNode example) {
    Path dir = Exports.parent(result.out());
    String stem = stem(result.out().getFileName().toString());
    Path card = dir.resolve(stem + ".README.md");
    try {
      if (Files.exists(card) && !Files.readString(card, StandardCharsets.UTF_8).contains(MARKER)) {
        card = dir.resolve(stem + ".synthkit-card.md");
      }
      Path tmp = Files.createTempFile(dir, ".README", ".tmp");
      Files.writeString(tmp, text(source, result, options, example), StandardCharsets.UTF_8);
      Exports.move(tmp, card);
      return card;
    } catch (IOException e) {
      throw SynthkitException.input("cannot write the dataset card " + card + ": " + e.getMessage(), e);
    }
  }

  /** The export's file name without its last extension: {@code train.jsonl} is {@code train}. */
  static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  static String text(Source source, ExportResult result, ExportOptions options, ObjectNode example) {
    Dataset dataset = source.dataset();
    Manifest m = dataset.manifest().orElse(null);
    StringBuilder sb = new StringBuilder();
    String method = m == null ? "unknown" : m.method();
    sb.append("---\npretty_name: ").append(yaml(dataset.name())).append("\ntags:\n- synthetic\n- synthkit\n- ")
        .append(yaml(method)).append("\nsize_categories:\n- ").append(sizeCategory(result.rows())).append("\n---\n")
        .append(MARKER).append("\n\n# ").append(dataset.name()).append("\n\n");
    boolean simulated = m != null && m.simulated();
    if (simulated) {
      sb.append("> **SIMULATED DATA.** This run used synthkit's built-in simulator: every generated record is")
          .append(" placeholder text, not model output. Do not train on it.\n\n");
    }
    sb.append("Generated with synthkit").append(m == null || m.synthkitVersion() == null ? "" : " " + m.synthkitVersion())
        .append(" using the `").append(method).append("` method, exported as `").append(result.format().wire())
        .append("` to `").append(result.out().getFileName()).append("`.\n\n");
    contents(sb, source, result, options, example);
    provenance(sb, m);
    metrics(sb, dataset);
    licence(sb, m, options);
    return sb.toString();
  }

  private static void contents(StringBuilder sb, Source source, ExportResult result, ExportOptions options,
      ObjectNode example) {
    sb.append("## Contents\n\n| | |\n|---|---|\n");
    row(sb, "rows", Integer.toString(result.rows()));
    row(sb, "from the run", result.fromRun() + " of " + source.exported() + " " + source.unit()
        + (result.skipped() > 0 ? " (" + result.skipped() + " left out for an empty required field)" : ""));
    if (options.mix() != null) {
      row(sb, "mixed in", result.mixed() + " rows of `" + options.mix().getFileName() + "` ("
          + (options.mixRatio() == null ? "all rows" : "ratio " + options.mixRatio() + " per generated row")
          + ", shuffled with seed " + options.seed() + ")");
    }
    row(sb, "field mapping", "`" + result.mapping() + "`");
    result.notes().forEach(n -> row(sb, "note", n));
    sb.append("\nFirst row from the run:\n\n```json\n").append(clip(Json.pretty(example), 2000)).append("\n```\n\n");
  }

  private static void provenance(StringBuilder sb, @Nullable Manifest m) {
    sb.append("## Provenance\n\n");
    if (m == null) {
      sb.append("The source was a plain JSONL file, not a synthkit run: no provenance is recorded.\n\n");
      return;
    }
    sb.append("| | |\n|---|---|\n");
    row(sb, "run", "`" + m.name() + "` (status " + (m.status() == null ? "?" : m.status().wire()) + ")");
    row(sb, "records", m.accepted() + " accepted of target " + m.target() + ", " + m.rejected() + " rejected");
    if (m.roles() != null) {
      m.roles().forEach((role, d) -> row(sb, "model (" + role + ")", "`" + d.get("model") + "`"
          + (Boolean.TRUE.equals(d.get("simulated")) ? " (simulated)" : "")));
    }
    if (m.config() != null) {
      String seeds = m.config().path("data").path("seeds").asText("");
      if (!seeds.isEmpty()) {
        row(sb, "seed file", "`" + seeds + "`");
      }
      if (m.config().has("seed")) {
        row(sb, "random seed", m.config().get("seed").asText());
      }
    }
    if (m.usage() != null && m.usage().total() != null) {
      Usage u = m.usage().total();
      row(sb, "model calls", String.format(Locale.ROOT, "%,d (%,d prompt + %,d completion tokens, $%.4f)", u.calls(),
          u.promptTokens(), u.completionTokens(), u.costUsd()));
    }
    if (m.timings() != null) {
      row(sb, "generated", m.timings().startedAt() + " to " + m.timings().updatedAt() + String.format(Locale.ROOT,
          " (%.0f s over %d session(s))", m.timings().wallSeconds(), m.timings().sessions()));
    }
    sb.append('\n');
  }

  private static void metrics(StringBuilder sb, Dataset dataset) {
    EvaluationResult r = evaluation(dataset);
    sb.append("## Metrics\n\nOf the run's records, before mixing; definitions in synthkit's"
        + " docs/evaluate-report-export.md.\n\n| metric | value |\n|---|---|\n");
    for (Map.Entry<String, String> e : EvaluationTable.rows(r).entrySet()) {
      if (METRIC_PREFIXES.stream().anyMatch(e.getKey()::startsWith)) {
        row(sb, e.getKey(), e.getValue());
      }
    }
    sb.append('\n');
    r.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
    sb.append('\n');
  }

  /** The run's report.json when it describes the current records, else a lexical evaluation computed now. */
  private static EvaluationResult evaluation(Dataset dataset) {
    Path json = dataset.runDir().map(d -> d.resolve("report.json")).orElse(null);
    if (json != null && Files.isRegularFile(json)) {
      try {
        EvaluationResult r = EvaluationJson.read(Files.readString(json));
        if (r.dataset() != null && r.dataset().records() == dataset.size()) {
          return r;
        }
      } catch (IOException | RuntimeException stale) {
        // an unreadable report is recomputed below
      }
    }
    return Evaluation.of(dataset).run();
  }

  private static void licence(StringBuilder sb, @Nullable Manifest m, ExportOptions options) {
    List<String> models = new ArrayList<>();
    if (m != null && m.roles() != null) {
      m.roles().values().forEach(d -> {
        String model = String.valueOf(d.get("model"));
        if (!models.contains(model)) {
          models.add(model);
        }
      });
    }
    sb.append("## Licence and use\n\n- The records were generated with ")
        .append(models.isEmpty() ? "language models" : String.join(", ", models.stream().map(x -> "`" + x + "`")
            .toList()))
        .append(". Check each model's terms of use before training on or publishing this data; some providers")
        .append(" restrict using outputs to train other models.\n")
        .append("- The seed examples the run started from are the user's; their licence is the user's to state.\n");
    if (options.mix() != null) {
      sb.append("- Rows mixed in from `").append(options.mix().getFileName())
          .append("` keep that dataset's licence and terms.\n");
    }
    sb.append("- synthkit places no licence of its own on the data.\n");
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append("| ").append(key.replace("|", "\\|")).append(" | ").append(value.replace("|", "\\|")
        .replace("\n", " ")).append(" |\n");
  }

  static String sizeCategory(int n) {
    return n < 1_000 ? "n<1K" : n < 10_000 ? "1K<n<10K" : n < 100_000 ? "10K<n<100K"
        : n < 1_000_000 ? "100K<n<1M" : "1M<n<10M";
  }

  private static String yaml(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "\n...";
  }
}
