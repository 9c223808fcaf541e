package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import io.synthkit.spi.PromptLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Anthropic-provider run against the simulator over real HTTP: the gateway marks the stable prefix, the simulator
 * reports cache writes and reads, and manifest.json shows cached tokens and their cost in total, per role and per
 * stage, priced with the configured input price and Anthropic's default cache ratios (0.1x read, 1.25x write).
 */
class PromptCacheCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  /** Self-Instruct's prompt with a system prompt long enough (about 2,000 tokens) for Anthropic to cache. */
  private Path longSystemPrompts() throws IOException {
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      rules.append("House rule ").append(i).append(": write plainly and keep every field self-contained.\n");
    }
    String source = PromptLibrary.defaults().source("self-instruct/generate");
    Path file = dir.resolve("prompts/self-instruct/generate.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source.replace("[system]\n", "[system]\n" + rules));
    return dir.resolve("prompts");
  }

  @Test
  void anthropicRun_manifestShowsCachedTokensAndTheirCost() throws IOException {
    TestRuns.seeds(dir);
    longSystemPrompts();
    try (Simulator sim = Simulator.start(null)) {
      Path f = dir.resolve("run.yaml");
      Files.writeString(f, "name: cached\nmethod: self-instruct\noutput_dir: runs\ndata: {seeds: seeds.jsonl}\n"
          + "self-instruct: {batch_size: 4}\ntarget: 8\nprompts_dir: prompts\nmodels:\n  default: {provider: anthropic,"
          + " base_url: \"" + sim.rootUrl() + "\", api_key: sk-ant-test, model: claude-sonnet-4-5,"
          + " max_concurrency: 2, price: {input_per_mtok: 3, output_per_mtok: 15}}\n");
      assertThat(Main.execute("generate", f.toString(), "-q")).isZero();
    }
    assertThat(console.out()).contains("from the provider's prompt cache");
    JsonNode usage = Json.MAPPER.readTree(dir.resolve("runs/cached/manifest.json").toFile()).path("usage");
    JsonNode total = usage.path("total");
    long cached = total.path("cached_tokens").asLong();
    long written = total.path("cache_write_tokens").asLong();
    assertThat(written).isGreaterThan(1024);
    assertThat(cached).as("calls after the first read the shared system prompt").isGreaterThan(written);
    assertThat(total.path("cached_cost_usd").asDouble()).isCloseTo((cached * 0.3 + written * 3.75) / 1e6,
        within(1e-9));
    long uncached = total.path("prompt_tokens").asLong() - cached - written;
    assertThat(total.path("cost_usd").asDouble()).isCloseTo((uncached * 3.0 + cached * 0.3 + written * 3.75
        + total.path("completion_tokens").asLong() * 15.0) / 1e6, within(1e-9));
    assertThat(sum(usage.path("by_role"), "cached_tokens")).isEqualTo(cached);
    assertThat(sum(usage.path("by_stage"), "cached_tokens")).isEqualTo(cached);
    assertThat(sum(usage.path("by_stage"), "cache_write_tokens")).isEqualTo(written);
  }

  private static long sum(JsonNode rows, String field) {
    long s = 0;
    for (JsonNode row : rows) {
      s += row.path(field).asLong();
    }
    return s;
  }
}
