package io.synthkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-directory format, and the one place that knows it: which files a run writes and how to read them back.
 * Readers of a run (evaluation, report, export, benchmark) go through it; nothing else names the files.
 *
 * <pre>
 * dataset.jsonl   accepted records: {"id", "data": {...}, "meta": {...}}
 * rejected.jsonl  dropped items: {"key", "step", "reason", "item", "raw", "meta"}
 * events.jsonl    the method's decisions: {"key", "type", "data"}
 * manifest.json   status, counts, usage, timings, the redacted config
 * state.db        SQLite: response cache and run state
 * report.html     the run's report
 * error.log       the stack trace of an internal error
 * </pre>
 *
 * <p>JSONL files are read leniently: a torn last line (left by a killed process, repaired on resume) is skipped.
 * Immutable.
 *
 * @param dir the run directory
 */
public record RunOutput(Path dir) {

  static final String DATASET = "dataset.jsonl";
  static final String REJECTED = "rejected.jsonl";
  static final String EVENTS = "events.jsonl";
  static final String MANIFEST = "manifest.json";
  static final String STATE = "state.db";
  static final String REPORT = "report.html";
  static final String ERROR_LOG = "error.log";

  /**
   * The output of the run in a directory.
   *
   * @param dir the run directory
   * @return its output
   */
  public static RunOutput of(Path dir) {
    return new RunOutput(dir);
  }

  /**
   * Tells whether the directory holds a synthkit run (it has a manifest).
   *
   * @return true for a run directory
   */
  public boolean isRun() {
    return Files.isRegularFile(manifestFile());
  }

  /**
   * Tells whether the run has accepted no record yet.
   *
   * @return true when the dataset is missing or empty
   */
  public boolean hasNoRecords() {
    return emptyOrMissing(dataset());
  }

  private static boolean emptyOrMissing(Path file) {
    try {
      return !Files.exists(file) || Files.size(file) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** @return the accepted records file */
  public Path dataset() {
    return dir.resolve(DATASET);
  }

  /** @return the rejected items file */
  public Path rejectedFile() {
    return dir.resolve(REJECTED);
  }

  /** @return the events file */
  public Path eventsFile() {
    return dir.resolve(EVENTS);
  }

  /** @return the manifest file */
  public Path manifestFile() {
    return dir.resolve(MANIFEST);
  }

  /** @return the report file */
  public Path report() {
    return dir.resolve(REPORT);
  }

  /** @return the run's state database */
  public Path state() {
    return dir.resolve(STATE);
  }

  /** @return where an internal error's stack trace goes */
  public Path errorLog() {
    return dir.resolve(ERROR_LOG);
  }

  /**
   * Reads the manifest.
   *
   * @return the manifest
   * @throws SynthkitException (exit 2) when the directory is not a run or the manifest cannot be read
   */
  public Manifest manifest() {
    return Manifest.read(dir);
  }

  /**
   * Reads the accepted records.
   *
   * @return the records, in file order
   * @throws SynthkitException (exit 2) naming the line when a line is not a record
   */
  public List<DataRecord> records() {
    return records(dataset());
  }

  /**
   * Reads records from a {@code dataset.jsonl}-shaped file.
   *
   * @param file the file
   * @return the records, in file order
   * @throws SynthkitException (exit 2) naming the line when a line is not a record
   */
  public static List<DataRecord> records(Path file) {
    List<DataRecord> out = new ArrayList<>();
    int line = 0;
    for (ObjectNode n : objects(file)) {
      line++;
      if (!(n.get("data") instanceof ObjectNode data) || !n.path("id").isTextual()) {
        throw SynthkitException.input(file + ": record " + line + " is not a synthkit record (needs \"id\" and an"
            + " object \"data\")");
      }
      out.add(new DataRecord(n.path("id").asText(), data, n.get("meta") instanceof ObjectNode m ? m
          : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }
    return out;
  }

  /**
   * Reads the events.
   *
   * @return the events as JSON objects, in file order
   */
  public List<ObjectNode> events() {
    return objects(eventsFile());
  }

  /**
   * Reads the rejected items.
   *
   * @return the rejections as JSON objects, in file order
   */
  public List<ObjectNode> rejections() {
    return objects(rejectedFile());
  }

  /**
   * Reads a JSONL file leniently: blank lines and a torn line are skipped; a missing file is empty.
   *
   * @param file the file
   * @return its JSON objects
   * @throws SynthkitException (exit 2) when the file cannot be read
   */
  public static List<ObjectNode> objects(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        try {
          if (Json.parse(line) instanceof ObjectNode o) {
            out.add(o);
          }
        } catch (RuntimeException torn) {
          // only the last line of an interrupted session can be incomplete; the run repairs it on resume
        }
      }
    } catch (IOException e) {
      throw SynthkitException.input("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
