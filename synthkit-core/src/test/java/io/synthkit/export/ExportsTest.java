package io.synthkit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.spi.SynthkitException;
import io.synthkit.Synthkit;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.run.TestRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ExportsTest {

  @TempDir
  static Path shared;
  private static Path run;
  private static List<DataRecord> records;

  @TempDir
  Path out;

  @BeforeAll
  static void simulatedRun() {
    run = Runs.run(TestRuns.selfInstruct(shared, 10).set("report.enabled", false).build()).runDir();
    records = Synthkit.records(run);
  }

  static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(Json.parse(line));
    }
    return out;
  }

  @Test
  void dpo_fromARunDirectory_readsThePairsFileBesideTheDataset() throws IOException {
    Path dir = out.resolve("rg");
    Files.createDirectories(dir);
    Files.copy(run.resolve("dataset.jsonl"), dir.resolve("dataset.jsonl"));
    Files.writeString(dir.resolve("pairs.jsonl"), """
        {"prompt": "Write an instruction.", "chosen": "failing one", "rejected": "passing one", "iteration": 1}
        {"prompt": "Write another.", "chosen": "failing two", "rejected": "passing two", "iteration": 2}
        """);
    ExportResult r = Exports.write(dir, ExportFormat.DPO, out.resolve("dpo.jsonl"), FieldMapping.NONE);
    assertThat(r.rows()).isEqualTo(2);
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("preference pairs read from"));
    assertThat(lines(r.out()).get(1).get("chosen").asText()).isEqualTo("failing two");
    Files.delete(dir.resolve("pairs.jsonl"));
    assertThatThrownBy(() -> Exports.write(dir, ExportFormat.DPO, out.resolve("dpo2.jsonl"), FieldMapping.NONE))
        .hasMessageContaining("dpo needs [chosen, rejected]");
  }

  @Test
  void openAiChat_selfInstructRun_userAndAssistantFromInstructionAndOutput() throws IOException {
    ExportResult r = Exports.write(run, ExportFormat.OPENAI_CHAT, out.resolve("chat.jsonl"), FieldMapping.NONE);
    assertThat(r.rows()).isEqualTo(10);
    assertThat(r.mapping().toString()).isEqualTo("prompt=instruction,response=output");
    List<JsonNode> lines = lines(r.out());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode msgs = lines.get(i).get("messages");
      assertThat(lines.get(i).size()).isEqualTo(1);
      assertThat(msgs).hasSize(2);
      assertThat(msgs.get(0).get("role").asText()).isEqualTo("user");
      assertThat(msgs.get(0).get("content").asText()).isEqualTo(records.get(i).data().get("instruction").asText());
      assertThat(msgs.get(1).get("role").asText()).isEqualTo("assistant");
      assertThat(msgs.get(1).get("content").asText()).isEqualTo(records.get(i).data().get("output").asText());
    }
  }

  @Test
  void alpacaShareGptAndJsonl_haveTheirShapes() throws IOException {
    JsonNode alpaca = lines(Exports.write(run, ExportFormat.ALPACA, out.resolve("a.jsonl"), FieldMapping.NONE).out())
        .get(0);
    assertThat(alpaca.properties()).extracting(Map.Entry::getKey).containsExactly("instruction", "input", "output");
    assertThat(alpaca.get("input").asText()).isEmpty();
    JsonNode share = lines(Exports.write(run, ExportFormat.SHAREGPT, out.resolve("s.jsonl"), FieldMapping.NONE).out())
        .get(0).get("conversations");
    assertThat(share).extracting(t -> t.get("from").asText()).containsExactly("human", "gpt");
    assertThat(share.get(0).get("value").asText()).isEqualTo(records.get(0).data().get("instruction").asText());
    List<JsonNode> plain = lines(Exports.write(run, ExportFormat.JSONL, out.resolve("p.jsonl"), FieldMapping.NONE)
        .out());
    assertThat(plain).containsExactlyElementsOf(records.stream().map(r -> (JsonNode) r.data()).toList());
  }

  private Path preferenceFile() throws IOException {
    Path f = out.resolve("prefs.jsonl");
    Files.writeString(f, """
        {"system":"Be brief.","question":"What is 2+2?","context":"arithmetic","good":"4","bad":"5"}
        {"system":"Be brief.","question":"Capital of France?","good":"Paris","bad":""}
        """);
    return f;
  }

  @Test
  void dpoAndOpenAiDpo_mappedFields_shapesAndSkippedRows() throws IOException {
    FieldMapping map = FieldMapping.parse("prompt=question, input=context,chosen=good,rejected=data.bad");
    ExportResult trl = Exports.write(preferenceFile(), ExportFormat.DPO, out.resolve("dpo.jsonl"), map);
    assertThat(trl.rows()).isEqualTo(1);
    assertThat(trl.skipped()).isEqualTo(1);
    assertThat(trl.notes()).anyMatch(n -> n.contains("1 record(s) left out"));
    JsonNode d = lines(trl.out()).get(0);
    assertThat(d).isEqualTo(Json.parse("{\"prompt\":\"What is 2+2?\\n\\narithmetic\",\"chosen\":\"4\","
        + "\"rejected\":\"5\"}"));
    JsonNode o = lines(Exports.write(preferenceFile(), ExportFormat.OPENAI_DPO, out.resolve("odpo.jsonl"), map).out())
        .get(0);
    assertThat(o.get("input").get("messages")).extracting(x -> x.get("role").asText())
        .containsExactly("system", "user");
    assertThat(o.get("input").get("messages").get(0).get("content").asText()).isEqualTo("Be brief.");
    assertThat(o.get("preferred_output")).singleElement().isEqualTo(Json.parse(
        "{\"role\":\"assistant\",\"content\":\"4\"}"));
    assertThat(o.get("non_preferred_output")).singleElement().isEqualTo(Json.parse(
        "{\"role\":\"assistant\",\"content\":\"5\"}"));
  }

  @Test
  void write_missingRole_namesTheFieldsAndTheFix() throws IOException {
    assertThatThrownBy(() -> Exports.write(preferenceFile(), ExportFormat.DPO, out.resolve("x.jsonl"),
        FieldMapping.NONE)).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("dpo needs [chosen, rejected]").hasMessageContaining("[bad, context, good, question,")
        .hasMessageContaining("--map chosen=data.FIELD");
    assertThat(out.resolve("x.jsonl")).doesNotExist();
  }

  @Test
  void mapping_parseAndFile_explicitEntriesWinOverDefaults() throws IOException {
    assertThatThrownBy(() -> FieldMapping.parse("answer=data.x")).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("unknown mapping role 'answer'");
    assertThatThrownBy(() -> FieldMapping.parse("prompt")).isInstanceOf(SynthkitException.class);
    Path file = out.resolve("map.yaml");
    Files.writeString(file, "response: data.instruction\nsystem: meta.method\n");
    FieldMapping m = FieldMapping.read(file).over(FieldMapping.defaults("self-instruct", records));
    assertThat(m.toString()).isEqualTo("system=meta.method,prompt=instruction,response=data.instruction");
    JsonNode first = lines(Exports.write(run, ExportFormat.OPENAI_CHAT, out.resolve("c.jsonl"),
        FieldMapping.read(file)).out()).get(0).get("messages");
    assertThat(first.get(0).get("content").asText()).isEqualTo("self-instruct");
    assertThat(first.get(2).get("content").asText()).isEqualTo(first.get(1).get("content").asText());
  }

  private Path alpagasus(int n) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(Json.write(Json.object().put("instruction", "Utility task " + i).put("input", i % 2 == 0 ? "" : "ctx "
          + i).put("output", "done " + i))).append('\n');
    }
    Path f = out.resolve("alpagasus.jsonl");
    Files.writeString(f, sb);
    return f;
  }

  @Test
  void mix_ratio_addsThatManyAlpagasusRowsJoinedLikeThePaperAndShufflesWithTheSeed() throws IOException {
    Path util = alpagasus(30);
    ExportOptions o = ExportOptions.DEFAULT.withMix(util, 0.5, 7);
    ExportResult r = Exports.write(run, ExportFormat.OPENAI_CHAT, out.resolve("mix.jsonl"), o);
    assertThat(r.mixed()).isEqualTo(5);
    assertThat(r.fromRun()).isEqualTo(10);
    List<JsonNode> lines = lines(r.out());
    assertThat(lines).hasSize(15);
    List<String> users = lines.stream().map(l -> l.get("messages").get(0).get("content").asText()).toList();
    // Input joined to the instruction by one space, as utils/export_alpagasus.py did.
    assertThat(users.stream().filter(u -> u.startsWith("Utility task ")))
        .hasSize(5).allMatch(u -> u.matches("Utility task \\d+( ctx \\d+)?"));
    assertThat(users.stream().filter(u -> u.matches("Utility task (\\d+) ctx \\1"))).isNotEmpty();
    List<JsonNode> again = lines(Exports.write(run, ExportFormat.OPENAI_CHAT, out.resolve("mix2.jsonl"), o).out());
    assertThat(again).isEqualTo(lines);
    List<JsonNode> otherSeed = lines(Exports.write(run, ExportFormat.OPENAI_CHAT, out.resolve("mix3.jsonl"),
        ExportOptions.DEFAULT.withMix(util, 0.5, 8)).out());
    assertThat(otherSeed).isNotEqualTo(lines);
  }

  @Test
  void mix_noRatio_usesAllRowsAndTooLargeARatioSaysSo() throws IOException {
    Path util = alpagasus(4);
    ExportResult all = Exports.write(run, ExportFormat.ALPACA, out.resolve("all.jsonl"),
        ExportOptions.DEFAULT.withMix(util, null, 1));
    assertThat(all.mixed()).isEqualTo(4);
    ExportResult capped = Exports.write(run, ExportFormat.ALPACA, out.resolve("cap.jsonl"),
        ExportOptions.DEFAULT.withMix(util, 2.0, 1));
    assertThat(capped.mixed()).isEqualTo(4);
    assertThat(capped.notes()).anyMatch(n -> n.contains("asked for 20 rows") && n.contains("only 4"));
    assertThatThrownBy(() -> Exports.write(run, ExportFormat.DPO, out.resolve("d.jsonl"),
        ExportOptions.DEFAULT.withMix(util, null, 1))).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("cannot hold");
  }

  @Test
  void mix_rowWithABlankInstructionOrOutput_isLeftOutInsteadOfWrittenAsNull() throws IOException {
    Path util = out.resolve("blank.jsonl");
    Files.writeString(util, """
        {"instruction": "", "input": "", "output": "an answer to nothing"}
        {"instruction": "Utility task", "input": "", "output": " "}
        {"instruction": "Utility task", "input": "", "output": "done"}
        """);
    ExportResult r = Exports.write(run, ExportFormat.OPENAI_CHAT, out.resolve("blank-mix.jsonl"),
        ExportOptions.DEFAULT.withMix(util, null, 1));
    assertThat(r.mixed()).isEqualTo(1);
    List<JsonNode> lines = lines(r.out());
    assertThat(lines).hasSize(11).allMatch(JsonNode::isObject);
    assertThat(lines).filteredOn(l -> l.get("messages").get(0).get("content").asText().equals("Utility task"))
        .singleElement().satisfies(l -> assertThat(l.get("messages").get(1).get("content").asText())
            .isEqualTo("done"));
  }

  @Test
  void card_simulatedRun_warnsAndNamesModelsMetricsAndLicence() throws IOException {
    ExportResult r = Exports.write(run, ExportFormat.OPENAI_CHAT, out.resolve("train.jsonl"),
        ExportOptions.DEFAULT.withMix(alpagasus(4), null, 1));
    String card = Files.readString(r.card());
    assertThat(r.card()).isEqualTo(out.resolve("train.README.md"));
    assertThat(card).startsWith("---\npretty_name: \"t\"").contains("size_categories:\n- n<1K")
        .contains("SIMULATED DATA").contains("`self-instruct`").contains("| rows | 14 |")
        .contains("| mixed in | 4 rows of `alpagasus.jsonl` (all rows").contains("model (generator)")
        .contains("synthkit-simulator").contains("distinct-1 (ptb)").contains("near-duplicate rate")
        .contains("Check each model's terms of use").contains("\"content\" : \"" + records.get(0).data()
            .get("instruction").asText())
        .contains("licence is the user's").contains("keep that dataset's licence");
  }

  @Test
  void card_foreignReadme_isNotOverwritten() throws IOException {
    Files.writeString(out.resolve("d.README.md"), "# my own readme\n");
    ExportResult r = Exports.write(run, ExportFormat.JSONL, out.resolve("d.jsonl"), FieldMapping.NONE);
    assertThat(Files.readString(out.resolve("d.README.md"))).isEqualTo("# my own readme\n");
    assertThat(r.card()).isEqualTo(out.resolve("d.synthkit-card.md"));
  }

  @Test
  void card_twoExportsIntoOneDirectory_keepACardEach() throws IOException {
    ExportResult a = Exports.write(run, ExportFormat.JSONL, out.resolve("a.jsonl"), FieldMapping.NONE);
    ExportResult b = Exports.write(run, ExportFormat.ALPACA, out.resolve("b.jsonl"), FieldMapping.NONE);
    assertThat(a.card()).isEqualTo(out.resolve("a.README.md"));
    assertThat(b.card()).isEqualTo(out.resolve("b.README.md"));
    assertThat(Files.readString(a.card())).contains("`a.jsonl`");
    assertThat(Files.readString(b.card())).contains("`b.jsonl`");
  }

  @Test
  void parquet_withoutTheModule_namesIt() {
    assertThatThrownBy(() -> Exports.write(run, ExportFormat.PARQUET, out.resolve("d.parquet"), FieldMapping.NONE))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("synthkit-parquet module");
    assertThat(out.resolve("d.parquet")).doesNotExist();
    assertThatThrownBy(() -> ExportFormat.of("csv")).hasMessageContaining("openai-chat, alpaca");
  }
}
