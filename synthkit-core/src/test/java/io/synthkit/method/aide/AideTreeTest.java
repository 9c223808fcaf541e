package io.synthkit.method.aide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

@Timeout(120)
class AideTreeTest {

  @TempDir
  Path dir;

  static List<JsonNode> read(Path runDir, String file) {
    return TestRuns.lines(runDir, file).stream().map(Json::parse).toList();
  }

  @Test
  void tree_growsTripletsTimesOperationsPlusPersonasPerNodeAndStopsAtDepth() {
    AideScript script = new AideScript();
    Path seeds = AideScript.seeds(dir, "Which organelle makes ATP?", "What does a ribosome build?");
    Path personas = AideScript.personas(dir, "A cell biologist", "A high school teacher", "A marathon runner");
    // (1 attribute + 1 extra triplet) x 3 operations + 2 personas = 8 children per node.
    RunResult r = Runs.run(AideScript.config(dir, 1000, seeds, personas).set("aide.attributes", 1)
        .set("aide.extra_triplets", 1).set("personas.k", 2).build(), RunOptions.DEFAULT.withResponder(script));

    assertThat(r.status()).isEqualTo(RunStatus.INCOMPLETE);
    assertThat(r.message()).contains("finished its work with 144 of 1000");
    List<JsonNode> data = read(r.runDir(), "dataset.jsonl");
    assertThat(data).hasSize(2 * 8 + 2 * 8 * 8);
    Map<String, Long> children = data.stream().collect(Collectors.groupingBy(
        n -> n.path("meta").path("parents").get(0).asText(), Collectors.counting()));
    assertThat(children).hasSize(2 + 16).allSatisfy((parent, n) -> assertThat(n).isEqualTo(8));
    Map<Integer, Long> perHop = data.stream().collect(Collectors.groupingBy(
        n -> n.path("meta").path("hop").asInt(), Collectors.counting()));
    assertThat(perHop).containsExactlyInAnyOrderEntriesOf(Map.of(1, 16L, 2, 128L));
    // Only the 2 seeds and the 16 hop-1 nodes are extracted: leaves cost no extraction call.
    assertThat(script.keys("extract")).hasSize(18).allSatisfy(k -> assertThat(k.split("\\.")).hasSizeLessThan(3));

    JsonNode first = data.get(0);
    assertThat(first.path("id").asText()).isEqualTo("aide-s0.a0o0");
    assertThat(first.path("meta").path("seed_id").asText()).isEqualTo("seed-0");
    assertThat(first.path("meta").path("category").asText()).isEqualTo("topic of s0");
    assertThat(first.path("meta").path("triplet").toString())
        .isEqualTo("[\"topic of s0\",\"involves\",\"attributes 0 of s0\"]");
    assertThat(first.path("meta").path("operation").asText()).isEqualTo("concretizing");
    assertThat(first.path("meta").path("grades").toString()).isEqualTo("[8]");
    assertThat(first.path("data").path("choices")).hasSize(4);
    Map<String, Long> ops = data.stream().filter(n -> n.path("meta").path("hop").asInt() == 1).collect(
        Collectors.groupingBy(n -> n.path("meta").path("operation").asText("persona"), Collectors.counting()));
    assertThat(ops).containsExactlyInAnyOrderEntriesOf(Map.of("concretizing", 4L, "constraints", 4L,
        "reasoning", 4L, "persona", 4L));
    JsonNode hop2 = data.stream().filter(n -> n.path("id").asText().equals("aide-s1.a1o2.p1")).findFirst()
        .orElseThrow();
    assertThat(hop2.path("meta").path("parents").get(0).asText()).isEqualTo("aide-s1.a1o2");
    assertThat(hop2.path("meta").path("category").asText()).isEqualTo("topic of s1.a1o2");

    List<JsonNode> events = read(r.runDir(), "events.jsonl");
    Map<String, List<JsonNode>> byType = events.stream().collect(Collectors.groupingBy(e -> e.path("type").asText()));
    assertThat(byType.get("edge")).hasSize(144);
    assertThat(byType.get("node")).hasSize(18);
    assertThat(byType.get("hop")).extracting(e -> e.path("added").asInt()).containsExactly(16, 128);
    assertThat(byType.get("edge")).anySatisfy(e -> {
      assertThat(e.path("parent").asText()).isEqualTo("aide-s0.a1o0");
      assertThat(e.path("child").asText()).isEqualTo("aide-s0.a1o0.p0");
      assertThat(e.path("path").asText()).isEqualTo("persona");
    });

    JsonNode summary = Manifest.read(r.runDir()).summary();
    assertThat(summary.path("branching").asInt()).isEqualTo(8);
    assertThat(summary.path("max_records").asLong()).isEqualTo(144);
    assertThat(summary.path("per_hop").path("2").path("nodes").asInt()).isEqualTo(16);
    assertThat(summary.path("per_hop").path("2").path("candidates").asInt()).isEqualTo(128);
    assertThat(summary.path("per_operation").path("persona").asInt()).isEqualTo(4 + 32);
    assertThat(summary.path("per_operation").path("reasoning").asInt()).isEqualTo(4 + 32);
  }

  @Test
  void target_stopsExpansionEarlyWithoutExpandingLaterNodes() {
    AideScript script = new AideScript();
    Path seeds = AideScript.seeds(dir, "Q one?", "Q two?", "Q three?", "Q four?");
    Path personas = AideScript.personas(dir, "A nurse", "A pilot");
    RunResult r = Runs.run(AideScript.config(dir, 3, seeds, personas).set("aide.attributes", 1)
        .set("personas.k", 1).build(), RunOptions.DEFAULT.withResponder(script));
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.message()).isNull();
    assertThat(read(r.runDir(), "dataset.jsonl")).extracting(n -> n.path("id").asText())
        .containsExactly("aide-s0.a0o0", "aide-s0.a0o1", "aide-s0.a0o2");
    // 3 records needed, 4 children per node: one node is enough, so no other node is touched.
    assertThat(script.keys("extract")).containsExactly("node/s0/extract");
  }

  @Test
  void target_cutsEachHopEvenlyAcrossSeedsAndReportsRecordsPerSeed() throws IOException {
    // 4 children per node: hop 1 gives 12 records; a target of 36 leaves room for 24 of the 48 hop-2 children,
    // 6 of the 12 hop-2 nodes. In seed order those were seed 0's four and seed 1's first two (16, 8, 0).
    Path seeds = AideScript.seeds(dir, "Q one?", "Q two?", "Q three?");
    Path personas = AideScript.personas(dir, "A nurse", "A pilot");
    RunResult r = Runs.run(AideScript.config(dir, 36, seeds, personas).set("aide.attributes", 1)
        .set("personas.k", 1).set("aide.nodes_per_batch", 2).build(),
        RunOptions.DEFAULT.withResponder(new AideScript()));
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Long> hop2 = read(r.runDir(), "dataset.jsonl").stream()
        .filter(n -> n.path("meta").path("hop").asInt() == 2)
        .collect(Collectors.groupingBy(n -> n.path("meta").path("seed_id").asText(), Collectors.counting()));
    assertThat(hop2).containsExactlyInAnyOrderEntriesOf(Map.of("seed-0", 8L, "seed-1", 8L, "seed-2", 8L));

    List<JsonNode> hops = read(r.runDir(), "events.jsonl").stream()
        .filter(e -> e.path("type").asText().equals("hop")).toList();
    assertThat(hops).hasSize(2);
    assertThat(hops.get(0).path("per_seed").toString()).isEqualTo("{\"seed-0\":4,\"seed-1\":4,\"seed-2\":4}");
    assertThat(hops.get(0).path("complete").asBoolean()).isTrue();
    // The cut hop reports too, marked incomplete.
    assertThat(hops.get(1).path("per_seed").toString()).isEqualTo("{\"seed-0\":8,\"seed-1\":8,\"seed-2\":8}");
    assertThat(hops.get(1).path("complete").asBoolean()).isFalse();
    JsonNode summary = Manifest.read(r.runDir()).summary();
    assertThat(summary.path("per_hop").path("2").path("per_seed").path("seed-2").asInt()).isEqualTo(8);
    String report = java.nio.file.Files.readString(r.runDir().resolve("report.html"));
    assertThat(report).contains("Records added per seed and hop").contains("<th class=\"n\">hop 2</th>")
        .contains("<tr><td>seed-1</td><td class=\"n\">4</td><td class=\"n\">8</td></tr>");
  }

  @Test
  void roundRobin_takesOneNodePerSeedInTurnKeepingEachSeedsOrder() {
    Seed a = new Seed(0, Json.object(), "a");
    Seed b = new Seed(1, Json.object(), "b");
    List<Node> frontier = List.of(new Node("s0.x", 1, a, "1"), new Node("s0.y", 1, a, "2"),
        new Node("s0.z", 1, a, "3"), new Node("s1.x", 1, b, "4"));
    assertThat(Aide.roundRobin(frontier)).extracting(Node::path).containsExactly("s0.x", "s1.x", "s0.y", "s0.z");
  }

  @Test
  void ids_areDeterministicAcrossRuns() {
    Function<Path, List<String>> run = sub -> {
      Path d = dir.resolve(sub);
      d.toFile().mkdirs();
      Path seeds = AideScript.seeds(d, "Q one?", "Q two?", "Q three?");
      Path personas = AideScript.personas(d, "A nurse", "A pilot", "A chef");
      RunResult r = Runs.run(AideScript.config(d, 40, seeds, personas).set("aide.attributes", 1)
          .set("personas.k", 2).set("aide.nodes_per_batch", 3).build(),
          RunOptions.DEFAULT.withResponder(new AideScript()));
      return TestRuns.lines(r.runDir(), "dataset.jsonl").stream().map(l -> {
        JsonNode n = Json.parse(l);
        return n.path("id").asText() + " " + n.path("data");
      }).toList();
    };
    List<String> a = run.apply(Path.of("a"));
    assertThat(a).hasSize(40);
    assertThat(run.apply(Path.of("b"))).isEqualTo(a);
  }
}
