package io.synthkit.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.Export;
import io.synthkit.export.ExportFormat;
import io.synthkit.export.ExportOptions;
import io.synthkit.export.ExportResult;
import io.synthkit.export.ExportRows;
import io.synthkit.export.Exports;
import io.synthkit.export.FieldMapping;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * Exports a run (typically one merged by {@link SparkRun}) as Spark jobs: the records are read, rendered and written
 * by executors, with core's per-record code ({@link ExportRows}), so the rows are the ones {@code synthkit export}
 * writes on one machine.
 *
 * <ul>
 *   <li>{@code jsonl}, {@code openai-chat}, {@code alpaca}, {@code sharegpt}, {@code dpo}, {@code openai-dpo}: the
 *       executors write part files, which the driver concatenates in order into {@code out}: byte for byte the
 *       single-machine export's file.
 *   <li>{@code parquet}: a directory written by Spark's Parquet writer (zstd), optionally partitioned
 *       ({@code partitionBy}) by {@code shard} (the merged record's {@code meta.shard}) or by top-level fields of the
 *       rows such as {@code category}; the rows are the {@code jsonl} rows. Within each file the rows keep the export's
 *       order; partitioned, each partition directory holds one file.
 * </ul>
 *
 * <pre>{@code
 * SparkExport.export(spark, Path.of("runs/big"), Path.of("out/train.parquet"), "parquet", List.of("shard"));
 * }</pre>
 *
 * <p>The dataset card, when asked for, is written on the driver by core's code (its metrics are computed there, as on
 * one machine). {@code out} and the run must be on storage every executor sees. Stateless; thread-safe as far as the
 * session is.
 */
public final class SparkExport {

  private SparkExport() {}

  /**
   * Exports with the default mapping and no dataset card.
   *
   * @param spark the session
   * @param runDir a run directory (or JSONL file)
   * @param out the file ({@code parquet}: directory) to write
   * @param format a format name, e.g. {@code parquet}, {@code openai-chat}
   * @param partitionBy columns to partition Parquet by ({@code shard}, or fields of the rows); empty for none
   * @return what was written
   * @throws SynthkitException (exit 2) as {@code synthkit export} would, or for a partitioning it cannot do
   */
  public static Export.Result export(SparkSession spark, Path runDir, Path out, String format,
      List<String> partitionBy) {
    return export(spark, Export.of(runDir, Export.Format.of(format), out).withCard(false), partitionBy);
  }

  /**
   * Exports as {@link io.synthkit.Synthkit#export} does, on Spark.
   *
   * @param spark the session
   * @param request source, format, out, mapping and card; a mix ({@code withMix}) is refused
   * @param partitionBy columns to partition Parquet by; empty for none
   * @return what was written
   * @throws SynthkitException (exit 2) as {@code synthkit export} would, or for a mix or partitioning it cannot do
   */
  public static Export.Result export(SparkSession spark, Export request, List<String> partitionBy) {
    ExportFormat format = ExportFormat.of(request.format().wire());
    if (request.mix() != null) {
      throw SynthkitException.input("--mix is not built for a Spark export (it samples and shuffles the whole"
          + " dataset on one machine): export without --spark to mix");
    }
    if (!partitionBy.isEmpty() && format != ExportFormat.PARQUET) {
      throw SynthkitException.input("--partition-by needs --format parquet (one file is written for "
          + format.wire() + "): " + partitionBy);
    }
    Path file = Exports.recordsFile(request.source(), format);
    if (!Files.isRegularFile(file)) {
      throw SynthkitException.input("nothing to export: " + file + " does not exist");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<String> lines = jsc.textFile(file.toUri().toString()).filter(l -> !l.isBlank());
    FieldMapping explicit = FieldMapping.of(request.mapping(), request.mappingFile());
    Manifest manifest = manifest(request.source());
    List<DataRecord> head;
    try {
      head = head(lines);
    } catch (SynthkitException e) {
      throw SynthkitException.input(file + ": " + e.getMessage(), e);
    }
    FieldMapping mapping = Exports.mapping(manifest == null ? null : manifest.method(), explicit, format, head);
    jsc.setJobDescription("synthkit " + name(request.source(), manifest) + ": export " + format.wire() + " to " + request.out());
    try {
      JavaRDD<String> rendered = render(lines, format, mapping, partitionBy.contains(ExportWriters.SHARD), file);
      rendered.persist(StorageLevel.MEMORY_AND_DISK());
      try {
        return write(spark, request, format, mapping, partitionBy, rendered);
      } finally {
        rendered.unpersist(false);
      }
    } catch (SynthkitException e) {
      throw e;
    } catch (Exception e) { // Spark's SparkException is checked but undeclared (Scala)
      throw ExportWriters.unwrap(e);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  private static Export.Result write(SparkSession spark, Export request, ExportFormat format, FieldMapping mapping,
      List<String> partitionBy, JavaRDD<String> rendered) {
    Map<Boolean, Long> counts = rendered.map(String::isEmpty).countByValue();
    long skipped = counts.getOrDefault(true, 0L);
    long rows = counts.getOrDefault(false, 0L);
    if (rows == 0) {
      throw SynthkitException.input("nothing to export: no record of " + request.source() + " has every field "
          + format.wire() + " needs");
    }
    JavaRDD<String> kept = rendered.filter(s -> !s.isEmpty());
    ObjectNode first = (ObjectNode) Json.parse(kept.first());
    if (format == ExportFormat.PARQUET) {
      ExportWriters.parquet(spark, kept, first, partitionBy, request.out());
    } else {
      ExportWriters.lines(kept, request.out());
    }
    List<String> notes = new ArrayList<>();
    Path file = Exports.recordsFile(request.source(), format);
    if (Files.isDirectory(request.source()) && file.endsWith("pairs.jsonl")) {
      notes.add("preference pairs read from " + file); // as the single-machine export says
    }
    if (skipped > 0) {
      notes.add(Exports.skippedNote(format, skipped));
    }
    ExportResult result = new ExportResult(request.out(), null, format, Math.toIntExact(rows),
        Math.toIntExact(rows), 0, Math.toIntExact(skipped), mapping, List.copyOf(notes));
    Path card = null;
    if (request.card()) {
      ExportOptions options = ExportOptions.DEFAULT.withMapping(FieldMapping.of(request.mapping(),
          request.mappingFile()));
      if (partitionBy.contains(ExportWriters.SHARD)) {
        first.remove(ExportWriters.SHARD); // the partition column, not part of the row one machine writes
      }
      card = Exports.card(request.source(), format, Math.toIntExact(rows + skipped), result, options, first);
    }
    return new Export.Result(request.out(), card, request.format(), result.rows(), result.fromRun(), 0,
        result.skipped(), mapping.toString(), notes);
  }

  /**
   * Each line rendered by core's code on the executors: the format's line, or "" for a record left out. With
   * {@code shard}, the merged record's {@code meta.shard} is added to the row as the partition column.
   */
  private static JavaRDD<String> render(JavaRDD<String> lines, ExportFormat format, FieldMapping mapping,
      boolean shard, Path file) {
    String wire = format.wire();
    String spec = mapping.toString(); // FieldMapping is not serializable; its text is, and parses back
    String where = file.toString();
    return lines.mapPartitions(it -> {
      ExportRows rows = ExportRows.of(wire, spec);
      List<String> out = new ArrayList<>();
      while (it.hasNext()) {
        out.add(ExportWriters.renderLine(rows, it.next(), shard, where));
      }
      return out.iterator();
    });
  }

  /** The first 200 records, from which the default mapping is found (as {@link FieldMapping#defaults} reads them). */
  private static List<DataRecord> head(JavaRDD<String> lines) {
    List<DataRecord> out = new ArrayList<>();
    int n = 0;
    for (String line : lines.take(200)) {
      out.add(ExportRows.of("jsonl", "").line(line, ++n).record());
    }
    return out;
  }

  private static @Nullable Manifest manifest(Path source) {
    return Files.isRegularFile(source.resolve("manifest.json")) ? Manifest.read(source) : null;
  }

  /** The run's name for the Spark UI: the manifest's, else the directory's or file's. */
  private static String name(Path source, @Nullable Manifest m) {
    if (m != null && m.name() != null) {
      return m.name();
    }
    Path name = source.getFileName();
    return name == null ? source.toString() : name.toString();
  }
}
