package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A dataset to evaluate: the records of a run directory (with its manifest and events) or of any JSON Lines file.
 * Lines shaped like {@code dataset.jsonl} ({@code {"id", "data", "meta"}}) keep their id and meta; any other JSON object
 * becomes the data of a record with id {@code line-N} (1-based) and empty meta. {@code .json} arrays and {@code .txt}
 * files (one item per line, under the field {@code text}) are read as {@link SeedFile} reads them.
 *
 * <p>Immutable and thread-safe (the JSON nodes must not be modified by callers).
 */
public final class Dataset {

  private final String name;
  private final @Nullable Path source;
  private final @Nullable Path runDir;
  private final @Nullable Manifest manifest;
  private final List<DataRecord> records;

  private Dataset(String name, @Nullable Path source, @Nullable Path runDir, @Nullable Manifest manifest,
      List<DataRecord> records) {
    this.name = Objects.requireNonNull(name, "name");
    this.source = source;
    this.runDir = runDir;
    this.manifest = manifest;
    this.records = List.copyOf(records);
  }

  /**
   * Wraps records held in memory.
   *
   * @param name a display name
   * @param records the records
   * @return the dataset
   */
  public static Dataset of(String name, List<DataRecord> records) {
    return new Dataset(name, null, null, null, records);
  }

  /**
   * Loads a run directory (its {@code dataset.jsonl}, {@code manifest.json} when present; a run with a manifest and no
   * dataset yet has no records) or a data file.
   *
   * @param path a run directory or a {@code .jsonl}, {@code .json} or {@code .txt} file
   * @return the dataset
   * @throws SynthkitException (exit 2) naming the file and line of any problem
   */
  public static Dataset load(Path path) {
    if (Files.isDirectory(path)) {
      Path file = path.resolve("dataset.jsonl");
      Manifest manifest = Files.isRegularFile(path.resolve("manifest.json")) ? Manifest.read(path) : null;
      if (!Files.isRegularFile(file) && manifest == null) {
        throw SynthkitException.input(path + " is a directory without dataset.jsonl; give a run directory or a file");
      }
      String name = manifest != null && manifest.name() != null ? manifest.name() : path.getFileName().toString();
      // A run that failed before accepting anything may have a manifest and no dataset yet.
      return new Dataset(name, file, path, manifest, Files.isRegularFile(file) ? readLines(file) : List.of());
    }
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    List<DataRecord> records;
    if (lower.endsWith(".txt") || lower.endsWith(".json")) {
      List<ObjectNode> items = SeedFile.read(path, "text");
      records = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        records.add(fromLine(items.get(i), i + 1));
      }
    } else {
      records = readLines(path);
    }
    return new Dataset(path.getFileName().toString(), path, null, null, records);
  }

  private static List<DataRecord> readLines(Path file) {
    List<DataRecord> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.parse(line);
        } catch (RuntimeException e) {
          throw SynthkitException.input(file + ":" + n + ": not JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode obj)) {
          throw SynthkitException.input(file + ":" + n + ": expected a JSON object, got " + node.getNodeType());
        }
        out.add(fromLine(obj, n));
      }
    } catch (NoSuchFileException e) {
      throw SynthkitException.input("file not found: " + file);
    } catch (IOException e) {
      throw SynthkitException.input("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Reads one line of a dataset file as {@link #load} does: a synthkit record line ({@code id}, {@code data},
   * {@code meta}), or a plain object wrapped as one. Public for synthkit-spark, which reads the lines on executors.
   *
   * @param obj the parsed line
   * @param lineNumber its 1-based line number, for the id {@code line-N} of a plain object without one
   * @return the record
   */
  public static DataRecord fromLine(ObjectNode obj, int lineNumber) {
    if (obj.get("data") instanceof ObjectNode data && obj.path("id").isTextual() && !obj.path("id").asText().isBlank()
        && (obj.get("meta") == null || obj.get("meta").isObject())) {
      return new DataRecord(obj.get("id").asText(), data, (ObjectNode) obj.get("meta"));
    }
    String id = obj.path("id").isTextual() && !obj.path("id").asText().isBlank() ? obj.path("id").asText()
        : "line-" + lineNumber;
    return new DataRecord(id, obj, Json.object());
  }

  /**
   * Returns a dataset with other records and the same name and provenance (for example after categorization).
   *
   * @param replaced the new records
   * @return the copy
   */
  public Dataset withRecords(List<DataRecord> replaced) {
    return new Dataset(name, source, runDir, manifest, replaced);
  }

  /** @return the display name: the run name, else the file name */
  public String name() {
    return name;
  }

  /** @return the file the records came from, if any */
  public Optional<Path> source() {
    return Optional.ofNullable(source);
  }

  /** @return the run directory, when the dataset is a run */
  public Optional<Path> runDir() {
    return Optional.ofNullable(runDir);
  }

  /** @return the run's manifest, when the dataset is a run that has one */
  public Optional<Manifest> manifest() {
    return Optional.ofNullable(manifest);
  }

  /** @return the records, in file order */
  public List<DataRecord> records() {
    return records;
  }

  /** @return the number of records */
  public int size() {
    return records.size();
  }

  /**
   * Reads the run's {@code events.jsonl} (empty when the dataset is not a run or has no events). Torn last lines left
   * by a killed process are skipped.
   *
   * @return the events, in file order
   */
  public List<ObjectNode> events() {
    return runDir == null ? List.of() : RunFiles.objects(runDir.resolve("events.jsonl"));
  }

  /**
   * Reads the run's {@code rejected.jsonl} (empty when the dataset is not a run).
   *
   * @return the rejections, in file order
   */
  public List<ObjectNode> rejections() {
    return runDir == null ? List.of() : RunFiles.objects(runDir.resolve("rejected.jsonl"));
  }
}
