package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.FaultFront;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 MB seed line is reported when the run starts, and no prompt that quotes it is sent: each is estimated over the
 * model's context window and its item is rejected with the reason, while the run goes on to its target.
 */
@Timeout(600)
class OversizedInputCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @Test
  void aTenMegabyteSeedLine_isWarnedAbout_andNeverSent() throws IOException {
    Path seeds = TestRuns.seeds(dir);
    StringBuilder huge = new StringBuilder(10_500_000);
    for (int i = 0; huge.length() < 10_000_000; i++) {
      huge.append("paragraph ").append(i).append(" of an accidentally pasted log file, ");
    }
    Files.writeString(seeds, Json.write(Json.object().put("instruction", huge.toString()).put("output", "x")) + "\n",
        StandardOpenOption.APPEND);
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "name: big\nmethod: self-instruct\ntarget: 30\noutput_dir: runs\n"
        + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 12, examples_per_prompt: 5}\n"
        + "report: {enabled: false}\n");
    AtomicLong largest = new AtomicLong();
    try (FaultFront front = FaultFront.start(r -> {
      largest.accumulateAndGet(r.body().length(), Math::max);
      return null;
    })) {
      int exit = Main.execute("generate", config.toString(), "-q",
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + front.baseUrl(),
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test");
      String said = console.out() + console.err();
      assertThat(exit).as(said).isZero();
      assertThat(said).contains("warning: data.seeds: item 11 of seeds.jsonl", "128,000-token context of gpt-4o-mini",
          "status: completed");
      assertThat(largest.get()).as("the largest request sent, in characters").isLessThan(200_000);
      List<JsonNode> tooLong = Files.readAllLines(dir.resolve("runs/big/rejected.jsonl")).stream().map(Json::parse)
          .filter(n -> n.path("step").asText().equals("context_length")).toList();
      assertThat(tooLong).as("prompts quoting the huge seed were rejected with the reason").isNotEmpty();
      assertThat(tooLong.get(0).toString()).contains("does not fit the 128,000-token context of gpt-4o-mini");
    }
  }
  @Test
  void contextTokens_setsTheWindow_andASeedOverItIsWarnedAbout_andNeverSent() throws IOException {
    // About 45,000 tokens: fits the 128,000-token default of gpt-4o-mini, not the 16,000 a smaller server is set to.
    Path seeds = TestRuns.seeds(dir);
    StringBuilder big = new StringBuilder(210_000);
    for (int i = 0; big.length() < 200_000; i++) {
      big.append("paragraph ").append(i).append(" of an accidentally pasted log file, ");
    }
    Files.writeString(seeds, Json.write(Json.object().put("instruction", big.toString()).put("output", "x")) + "\n",
        StandardOpenOption.APPEND);
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "name: window\nmethod: self-instruct\ntarget: 30\noutput_dir: runs\n"
        + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 12, examples_per_prompt: 5}\n"
        + "report: {enabled: false}\n");
    AtomicLong largest = new AtomicLong();
    try (FaultFront front = FaultFront.start(r -> {
      largest.accumulateAndGet(r.body().length(), Math::max);
      return null;
    })) {
      int exit = Main.execute("generate", config.toString(), "-q",
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + front.baseUrl(),
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test",
          "--set", "models.default.context_tokens=16000");
      String said = console.out() + console.err();
      assertThat(exit).as(said).isZero();
      assertThat(said).contains("warning: data.seeds: item 11 of seeds.jsonl", "16,000-token context of gpt-4o-mini",
          "status: completed");
      assertThat(largest.get()).as("the largest request sent, in characters").isLessThan(100_000);
      List<JsonNode> tooLong = Files.readAllLines(dir.resolve("runs/window/rejected.jsonl")).stream()
          .map(Json::parse).filter(n -> n.path("step").asText().equals("context_length")).toList();
      assertThat(tooLong).as("prompts quoting the big seed were rejected with the reason").isNotEmpty();
      assertThat(tooLong.get(0).toString()).contains("does not fit the 16,000-token context of gpt-4o-mini");
    }
  }
}
