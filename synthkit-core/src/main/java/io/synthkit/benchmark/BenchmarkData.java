package io.synthkit.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.run.RunOutput;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The items a benchmark asks: read from a run directory, a {@code dataset.jsonl}-shaped file, or plain items, with
 * the question, gold answer and (for multiple choice) options fields resolved.
 *
 * @param items the items, in file order
 * @param questionField the question field
 * @param answerField the gold answer field
 * @param optionsField the options field, or {@code null}
 */
record BenchmarkData(List<DataRecord> items, String questionField, String answerField,
    @Nullable String optionsField) {

  static final List<String> QUESTION_NAMES = List.of("question", "text", "instruction", "prompt", "problem",
      "input");
  static final List<String> ANSWER_NAMES = List.of("answer", "label", "output", "solution", "target");
  static final List<String> OPTION_NAMES = List.of("options", "choices");

  static BenchmarkData load(BenchmarkSpec spec) {
    List<DataRecord> items = read(spec.dataset());
    if (spec.limit() != null && items.size() > spec.limit()) {
      items = items.subList(0, spec.limit());
    }
    ObjectNode first = items.get(0).data();
    String question = field(spec.questionField(), QUESTION_NAMES, first, "question", spec.dataset());
    String answer = field(spec.answerField(), ANSWER_NAMES, first, "answer", spec.dataset());
    String options = spec.optionsField() != null ? spec.optionsField()
        : OPTION_NAMES.stream().filter(f -> first.path(f).isArray()).findFirst().orElse(null);
    return new BenchmarkData(List.copyOf(items), question, answer, options);
  }

  private static List<DataRecord> read(Path dataset) {
    if (Files.isDirectory(dataset)) {
      Path file = dataset.resolve("dataset.jsonl");
      if (!Files.exists(file)) {
        throw SynthkitException.input(dataset + " is not a run directory (no dataset.jsonl)");
      }
      return nonEmpty(RunOutput.records(file), dataset);
    }
    if (isRecordFile(dataset)) {
      return nonEmpty(RunOutput.records(dataset), dataset);
    }
    List<ObjectNode> plain = SeedFile.read(dataset, "text");
    List<DataRecord> out = new ArrayList<>();
    for (int i = 0; i < plain.size(); i++) {
      JsonNode id = plain.get(i).get("id");
      out.add(new DataRecord(id != null && !id.asText().isBlank() ? id.asText() : "item-" + i, plain.get(i),
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }
    return out;
  }

  /** A synthkit dataset line has an id and a data object; anything else is read as plain items. */
  private static boolean isRecordFile(Path file) {
    if (!file.getFileName().toString().endsWith(".jsonl")) {
      return false;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode n = Json.parse(line);
          return n.path("data").isObject() && n.has("id");
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      return false; // not JSON on line one: let SeedFile report it with file and line
    }
  }

  private static List<DataRecord> nonEmpty(List<DataRecord> records, Path dataset) {
    if (records.isEmpty()) {
      throw SynthkitException.input(dataset + ": contains no records");
    }
    return records;
  }

  private static String field(@Nullable String configured, List<String> names, ObjectNode first, String what,
      Path dataset) {
    String name = configured != null ? configured : names.stream().filter(first::has).findFirst().orElse(null);
    if (name == null || !first.has(name)) {
      List<String> fields = new ArrayList<>();
      first.fieldNames().forEachRemaining(fields::add);
      throw SynthkitException.input(dataset + ": no " + what + " field " + (configured != null ? "'" + configured
          + "'" : "(looked for " + names + ")") + " in the items, whose fields are " + fields + "; name it with --"
          + what + "-field");
    }
    return name;
  }

  /** @return the question text of an item */
  String question(DataRecord r) {
    return text(r.data().path(questionField));
  }

  /** @return the gold answer of an item, as text */
  String gold(DataRecord r) {
    return text(r.data().path(answerField));
  }

  /** @return the options as lettered lines ("A. ..."), or {@code null} when the item has none */
  @Nullable String options(DataRecord r) {
    JsonNode opts = optionsField == null ? null : r.data().path(optionsField);
    if (opts == null || !opts.isArray() || opts.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < opts.size(); i++) {
      sb.append((char) ('A' + i)).append(". ").append(text(opts.get(i))).append('\n');
    }
    return sb.toString().strip();
  }

  private static String text(JsonNode v) {
    return v.isTextual() ? v.asText() : v.isMissingNode() || v.isNull() ? "" : v.toString();
  }
}
