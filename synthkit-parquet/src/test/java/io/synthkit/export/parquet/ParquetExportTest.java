package io.synthkit.export.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Synthkit;
import io.synthkit.export.ExportFormat;
import io.synthkit.export.ExportResult;
import io.synthkit.export.Exports;
import io.synthkit.export.FieldMapping;
import io.synthkit.spi.DataRecord;
import io.synthkit.run.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ParquetExportTest {

  @TempDir
  Path dir;

  @Test
  void export_parquet_readsBackTheRunsData() throws Exception {
    Path run = Runs.run(TestRuns.selfInstruct(dir, 6).set("report.enabled", false).build()).runDir();
    List<DataRecord> records = Synthkit.records(run);
    Path out = dir.resolve("it's here/train.parquet");
    ExportResult r = Exports.write(run, ExportFormat.PARQUET, out, FieldMapping.NONE);
    assertThat(r.rows()).isEqualTo(6);
    assertThat(Files.readAllBytes(out)).startsWith('P', 'A', 'R', '1');
    assertThat(r.card()).isEqualTo(dir.resolve("it's here/train.README.md"));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT instruction, output FROM read_parquet("
            + DuckDbParquetWriter.literal(out) + ")")) {
      List<String> instructions = new ArrayList<>();
      int i = 0;
      while (rs.next()) {
        instructions.add(rs.getString(1));
        assertThat(rs.getString(2)).isEqualTo(records.get(i++).data().get("output").asText());
      }
      assertThat(instructions).containsExactlyElementsOf(records.stream()
          .map(x -> x.data().get("instruction").asText()).toList());
    }
    assertThat(dir.resolve("it's here")).isDirectoryNotContaining("glob:**.tmp").isDirectoryNotContaining(
        "glob:**.jsonl");
  }

  @Test
  void write_nestedObjects_becomeStructColumns() throws Exception {
    Path in = dir.resolve("rows.jsonl");
    Files.writeString(in, "{\"a\":1,\"m\":{\"x\":\"p\",\"tags\":[\"t1\",\"t2\"]}}\n{\"a\":2,\"m\":{\"x\":\"q\","
        + "\"tags\":[]}}\n");
    Path out = dir.resolve("rows.parquet");
    new DuckDbParquetWriter().write(in, out);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT a, m.x, len(m.tags) FROM read_parquet("
            + DuckDbParquetWriter.literal(out) + ") ORDER BY a")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("p");
      assertThat(rs.getInt(3)).isEqualTo(2);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(3)).isZero();
    }
  }
}
