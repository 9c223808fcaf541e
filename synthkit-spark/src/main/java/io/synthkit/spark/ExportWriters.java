package io.synthkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.export.ExportRows;
import io.synthkit.json.Json;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The writing half of {@link SparkExport}: one line per record (executors), part files concatenated into one file, or a
 * Parquet directory by Spark's writer. Stateless.
 */
final class ExportWriters {

  /** The partition column taken from a merged record's {@code meta.shard}. */
  static final String SHARD = "shard";

  /** Spark's marker of a finished write; a directory holding it is a previous export that may be replaced. */
  private static final String SUCCESS = "_SUCCESS";

  private static final String ORDER = "__synthkit_order";

  private ExportWriters() {}

  /** Renders one line on an executor: the format's JSON text, or "" when the record is left out. */
  static String renderLine(ExportRows rows, String line, boolean shard, String file) {
    ExportRows.Rendered r;
    try {
      r = rows.line(line, 0);
    } catch (SynthkitException e) {
      throw SynthkitException.input(file + ": a line that is not JSON or not an object: " + clip(line));
    }
    if (r.row().isEmpty()) {
      return "";
    }
    ObjectNode row = r.row().get();
    if (shard) {
      JsonNode s = r.record().meta() == null ? null : r.record().meta().get(SHARD);
      if (s == null || !s.isInt()) {
        throw SynthkitException.input("--partition-by shard needs a run merged by synthkit-spark (records with"
            + " meta.shard); record " + r.record().id() + " has none");
      }
      if (row.has(SHARD)) {
        throw SynthkitException.input("--partition-by shard: record " + r.record().id() + " has a field named"
            + " shard of its own; partition by another field");
      }
      row.put(SHARD, s.asInt());
    }
    return Json.write(row);
  }

  /** Writes the lines as part files, then concatenates them in order into {@code out}: the single-machine bytes. */
  static void lines(JavaRDD<String> lines, Path out) {
    Path parent = parent(out);
    Path parts = parent.resolve("." + out.getFileName() + ".spark-" + UUID.randomUUID());
    try {
      lines.saveAsTextFile(parts.toUri().toString());
      Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
      try {
        try (OutputStream w = Files.newOutputStream(tmp)) {
          for (Path part : partFiles(parts)) {
            try (InputStream in = Files.newInputStream(part)) {
              in.transferTo(w);
            }
          }
        }
        move(tmp, out);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw SynthkitException.input("cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      deleteTree(parts);
    }
  }

  /**
   * Writes the rows with Spark's Parquet writer into a sibling directory, then moves it to {@code out}. Columns come in
   * the first row's order (Spark's JSON reader sorts them by name). Partitioned, the rows are shuffled by the partition
   * columns and sorted back into the export's order within each, so every partition directory holds one file in
   * that order.
   */
  static void parquet(SparkSession spark, JavaRDD<String> rows, ObjectNode first, List<String> partitionBy,
      Path out) {
    org.apache.spark.sql.Dataset<Row> read = spark.read().json(spark.createDataset(rows.rdd(), Encoders.STRING()));
    Set<String> columns = new LinkedHashSet<>();
    first.fieldNames().forEachRemaining(columns::add);
    columns.addAll(Arrays.asList(read.columns()));
    columns.retainAll(Arrays.asList(read.columns()));
    for (String p : partitionBy) {
      if (!columns.contains(p)) {
        throw SynthkitException.input("--partition-by " + p + ": the rows have no top-level field " + p + "; they have "
            + columns);
      }
    }
    org.apache.spark.sql.Dataset<Row> df = read.select(columns.stream().map(c -> read.col("`" + c + "`"))
        .toArray(Column[]::new));
    if (!partitionBy.isEmpty()) {
      Column[] keys = partitionBy.stream().map(functions::col).toArray(Column[]::new);
      List<Column> order = new ArrayList<>(Arrays.asList(keys));
      order.add(functions.col(ORDER));
      // monotonically_increasing_id follows the input's partitions and order, i.e. the export's order
      df = df.withColumn(ORDER, functions.monotonically_increasing_id()).repartition(keys)
          .sortWithinPartitions(order.toArray(Column[]::new)).drop(ORDER);
    }
    Path parent = parent(out);
    Path tmp = parent.resolve("." + out.getFileName() + ".spark-" + UUID.randomUUID());
    try {
      df.write().mode(SaveMode.ErrorIfExists).option("compression", "zstd")
          .partitionBy(partitionBy.toArray(String[]::new)).parquet(tmp.toUri().toString());
      replace(tmp, out);
    } finally {
      deleteTree(tmp);
    }
  }

  /** A task's {@link SynthkitException} (a bad line, a missing shard) as the driver's, so the CLI exits 2. */
  static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SynthkitException s) {
        return SynthkitException.input(String.valueOf(s.getMessage()), e);
      }
    }
    return new IllegalStateException("the Spark export failed: " + e.getMessage(), e);
  }

  private static void replace(Path tmp, Path out) {
    try {
      if (Files.exists(out)) {
        if (!Files.isDirectory(out) || !Files.isRegularFile(out.resolve(SUCCESS))) {
          throw SynthkitException.input("cannot export parquet to " + out + ": it exists and is not a previous Spark"
              + " export (no " + SUCCESS + "); remove it or choose another --out");
        }
        deleteTree(out);
      }
      move(tmp, out);
    } catch (IOException e) {
      throw SynthkitException.input("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> partFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      // part-00000, part-00001, ...: the RDD's partitions in order
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  private static Path parent(Path out) {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null) {
      throw SynthkitException.input("cannot export to " + out + ": give a file path, not a root directory");
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw SynthkitException.input("cannot write " + out + ": " + e.getMessage(), e);
    }
    return parent;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Iterator<Path> it = s.sorted(Comparator.reverseOrder()).iterator(); it.hasNext(); ) {
        Files.deleteIfExists(it.next());
      }
    } catch (IOException e) {
      // a leftover hidden scratch directory is harmless; the export itself succeeded or already failed
    }
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
