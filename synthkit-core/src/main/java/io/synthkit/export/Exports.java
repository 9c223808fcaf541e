package io.synthkit.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.evaluation.Dataset;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Exports a run (or any JSONL dataset) to a training format, optionally mixed with another dataset, with a dataset
 * card beside it. The Java API behind {@code synthkit export}.
 *
 * <pre>{@code
 * Exports.write(Path.of("runs/advisor"), ExportFormat.OPENAI_CHAT, Path.of("out/train.jsonl"),
 *     ExportOptions.DEFAULT.withMix(Path.of("alpagasus.jsonl"), 1.0, 42));
 * }</pre>
 *
 * <p>Files are written to a temporary sibling and moved into place, so a failed export never leaves half a file.
 * Stateless and thread-safe.
 */
public final class Exports {

  /** Preference pairs a method writes beside its dataset (ReverseGen's proposer pairs, TRL columns). */
  static final String PAIRS_FILE = "pairs.jsonl";

  private Exports() {}

  /**
   * Exports with a mapping and no mix, writing a dataset card.
   *
   * @param runDir a run directory or JSONL file
   * @param format the format
   * @param out the file to write
   * @param mapping explicit role mappings ({@link FieldMapping#NONE} for the defaults)
   * @return what was written
   */
  public static ExportResult write(Path runDir, ExportFormat format, Path out, FieldMapping mapping) {
    return write(runDir, format, out, ExportOptions.DEFAULT.withMapping(mapping));
  }

  /**
   * Exports.
   *
   * @param source a run directory or JSONL file
   * @param format the format
   * @param out the file to write
   * @param options mapping, mix and card
   * @return what was written
   * @throws SynthkitException (exit 2) when the records lack what the format needs or a file cannot be written
   */
  public static ExportResult write(Path source, ExportFormat format, Path out, ExportOptions options) {
    if (options.mix() != null && format.preference()) {
      throw SynthkitException.input("--mix adds prompt/response rows, which " + format.wire() + " cannot hold (it"
          + " needs chosen and rejected responses)");
    }
    List<String> notes = new ArrayList<>();
    Path records = recordsFile(source, format);
    // The card describes the run (name, manifest, models, SIMULATED, metrics of its records) even when the rows come
    // from its pairs file.
    Dataset run = null;
    if (!records.equals(source) && records.getFileName().toString().equals(PAIRS_FILE)) {
      notes.add("preference pairs read from " + records);
      run = Dataset.load(source);
      source = records;
    }
    Dataset dataset = Dataset.load(source);
    String method = (run != null ? run : dataset).manifest().map(Manifest::method).orElse(null);
    FieldMapping mapping = mapping(method, options.mapping(), format, dataset.records());
    List<ExampleRow> rows = new ArrayList<>(dataset.size());
    int skipped = 0;
    for (DataRecord r : dataset.records()) {
      ExampleRow row = row(r, mapping);
      if (Shapes.render(format, row).isEmpty()) {
        skipped++;
      } else {
        rows.add(row);
      }
    }
    if (skipped > 0) {
      notes.add(skippedNote(format, skipped));
    }
    int fromRun = rows.size();
    ExampleRow example = rows.isEmpty() ? null : rows.get(0);
    if (options.mix() != null) {
      List<ExampleRow> utility = Mixer.read(options.mix());
      long requested = Mixer.requested(fromRun, utility.size(), options.mixRatio());
      if (requested > utility.size()) {
        notes.add(String.format(Locale.ROOT, "--mix-ratio %s asked for %d rows; %s has only %d, all used",
            options.mixRatio(), requested, options.mix().getFileName(), utility.size()));
      }
      rows = Mixer.mix(rows, utility, options.mixRatio(), options.seed());
    }
    if (rows.isEmpty()) {
      throw SynthkitException.input("nothing to export: no record of " + source + " has every field "
          + format.wire() + " needs");
    }
    write(format, rows, out);
    int mixed = rows.size() - fromRun;
    ExportResult result = new ExportResult(out, null, format, rows.size(), fromRun, mixed, skipped, mapping,
        List.copyOf(notes));
    if (!options.card()) {
      return result;
    }
    DatasetCard.Source described = run == null ? new DatasetCard.Source(dataset, dataset.size(), "records")
        : new DatasetCard.Source(run, dataset.size(), "preference pairs");
    // Every row renders: run rows were filtered above and mixed rows always have a prompt and a response.
    ObjectNode first = Shapes.render(format, example == null ? rows.get(0) : example).orElseThrow();
    Path card = DatasetCard.write(described, result, options, first);
    return new ExportResult(out, card, format, rows.size(), fromRun, mixed, skipped, mapping, List.copyOf(notes));
  }

  /**
   * Says how many records an export left out for an empty required field, in the words of the CLI and the card.
   *
   * @param format the format
   * @param skipped records left out (positive)
   * @return the note
   */
  public static String skippedNote(ExportFormat format, long skipped) {
    return skipped + " record(s) left out: an empty " + format.required().stream().map(Role::key).sorted().toList()
        + " field";
  }

  /**
   * Returns the file whose lines an export reads: a run's {@code pairs.jsonl} for a preference format when the run
   * has one (its dataset holds single responses), else the run's {@code dataset.jsonl}, else the file itself.
   *
   * @param source a run directory or JSONL file
   * @param format the format
   * @return the file to read
   */
  public static Path recordsFile(Path source, ExportFormat format) {
    if (!Files.isDirectory(source)) {
      return source;
    }
    Path pairs = source.resolve(PAIRS_FILE);
    return format.preference() && Files.isRegularFile(pairs) ? pairs : source.resolve("dataset.jsonl");
  }

  /**
   * Resolves the mapping an export uses: the explicit entries over the defaults the method and the first 200 records
   * give ({@link FieldMapping#defaults}), checked against what the format needs.
   *
   * @param method the method that made the records, or null
   * @param explicit the user's mapping
   * @param format the format
   * @param head the first records (at least the first 200 when there are that many)
   * @return the mapping
   * @throws SynthkitException (exit 2) when a role the format needs has no field, naming the records' fields
   */
  public static FieldMapping mapping(@Nullable String method, FieldMapping explicit, ExportFormat format,
      List<DataRecord> head) {
    FieldMapping mapping = explicit.over(FieldMapping.defaults(method, head));
    checkRoles(format, mapping, head);
    return mapping;
  }

  /**
   * Writes the dataset card of an export made elsewhere (synthkit-spark's), as {@link #write} does.
   *
   * @param source the run directory or JSONL file exported
   * @param format the format
   * @param exported how many items were read (records, or the run's preference pairs)
   * @param result what was written
   * @param options the options the export used
   * @param example the first rendered row
   * @return the card's path
   */
  public static Path card(Path source, ExportFormat format, int exported, ExportResult result, ExportOptions options,
      ObjectNode example) {
    Path records = recordsFile(source, format);
    boolean pairs = !records.equals(source) && records.getFileName().toString().equals(PAIRS_FILE);
    return DatasetCard.write(new DatasetCard.Source(Dataset.load(source), exported, pairs ? "preference pairs"
        : "records"), result, options, example);
  }

  static ExampleRow row(DataRecord r, FieldMapping mapping) {
    Map<Role, String> values = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      String v = mapping.text(role, r);
      if (v != null) {
        values.put(role, v);
      }
    }
    return new ExampleRow(r.id(), false, r.data(), values);
  }

  private static void checkRoles(ExportFormat format, FieldMapping mapping, List<DataRecord> head) {
    List<String> missing = format.required().stream().filter(r -> !mapping.paths().containsKey(r)).map(Role::key)
        .sorted().toList();
    if (missing.isEmpty()) {
      return;
    }
    Set<String> fields = new TreeSet<>();
    head.stream().limit(50).forEach(r -> r.data().fieldNames().forEachRemaining(fields::add));
    throw SynthkitException.input(format.wire() + " needs " + missing + " but no field was found for "
        + (missing.size() == 1 ? "it" : "them") + "; the records have " + fields + ". Map them, e.g. --map "
        + String.join(",", missing.stream().map(m -> m + "=data.FIELD").toList()));
  }

  private static void write(ExportFormat format, List<ExampleRow> rows, Path out) {
    try {
      Path parent = parent(out);
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
      try {
        if (format == ExportFormat.PARQUET) {
          Path jsonl = Files.createTempFile(parent, "." + out.getFileName(), ".jsonl");
          try {
            writeLines(ExportFormat.JSONL, rows, jsonl);
            TableWriters.find("parquet").write(jsonl, tmp);
          } finally {
            Files.deleteIfExists(jsonl);
          }
        } else {
          writeLines(format, rows, tmp);
        }
        move(tmp, out);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw SynthkitException.input("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static void writeLines(ExportFormat format, List<ExampleRow> rows, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ExampleRow row : rows) {
        ObjectNode line = Shapes.render(format, row).orElseThrow(
            () -> new IllegalStateException("row " + row.id() + " lacks a field " + format.wire() + " needs"));
        w.write(Json.write(line));
        w.write('\n');
      }
    }
  }

  /**
   * Returns the directory an export file goes to.
   *
   * @throws SynthkitException (exit 2) for a path with no parent (the file system root)
   */
  static Path parent(Path out) {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null) {
      throw SynthkitException.input("cannot export to " + out + ": give a file path, not a root directory");
    }
    return parent;
  }

  static void move(Path tmp, Path out) throws IOException {
    try {
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
