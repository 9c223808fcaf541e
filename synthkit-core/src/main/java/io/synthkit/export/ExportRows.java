package io.synthkit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.evaluation.Dataset;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.util.Optional;

/**
 * The per-record half of an export: one record in, its line in the format out (or nothing, when a role the format
 * needs is empty). {@link Exports} renders every record through the same code; synthkit-spark calls this on executors
 * so that a Spark export writes exactly the lines a single-machine export writes.
 *
 * <p>Immutable and thread-safe. Not serializable: a Spark task builds its own from the format's name and
 * {@link FieldMapping#toString()} ({@link #of(String, String)}).
 */
public final class ExportRows {

  private final ExportFormat format;
  private final FieldMapping mapping;

  /**
   * @param format the format
   * @param mapping the resolved mapping ({@link Exports#mapping})
   */
  public ExportRows(ExportFormat format, FieldMapping mapping) {
    this.format = format;
    this.mapping = mapping;
  }

  /**
   * Rebuilds a renderer from the strings a cluster task carries.
   *
   * @param format the format's command-line name
   * @param mapping a resolved mapping as {@link FieldMapping#toString()} writes it
   * @return the renderer
   */
  public static ExportRows of(String format, String mapping) {
    return new ExportRows(ExportFormat.of(format), FieldMapping.parse(mapping));
  }

  /**
   * Renders a record.
   *
   * @param record the record
   * @return its line's object, or empty when a role the format needs is empty (the export leaves it out)
   */
  public Optional<ObjectNode> render(DataRecord record) {
    return Shapes.render(format, Exports.row(record, mapping));
  }

  /**
   * Parses one line of a dataset file as {@link Dataset#load} does and renders it.
   *
   * @param line a JSON object line
   * @param lineNumber its 1-based line number (names a plain object without an id, and a line that is not JSON)
   * @return the record (never null) and its rendered object (or empty)
   * @throws SynthkitException (exit 2) when the line is not a JSON object
   */
  public Rendered line(String line, int lineNumber) {
    JsonNode node;
    try {
      node = Json.parse(line);
    } catch (RuntimeException e) {
      throw SynthkitException.input("line " + lineNumber + ": not JSON: " + e.getMessage());
    }
    if (!(node instanceof ObjectNode obj)) {
      throw SynthkitException.input("line " + lineNumber + ": expected a JSON object, got " + node.getNodeType());
    }
    DataRecord record = Dataset.fromLine(obj, lineNumber);
    return new Rendered(record, render(record));
  }

  /**
   * One parsed and rendered line.
   *
   * @param record the record the line holds
   * @param row what the format writes for it, or empty when it is left out
   */
  public record Rendered(DataRecord record, Optional<ObjectNode> row) {}
}
