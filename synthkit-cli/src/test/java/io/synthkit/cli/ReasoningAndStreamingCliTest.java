package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.FaultFront;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quickstart from the command line against the strict simulator, as a user with a reasoning model or streaming
 * turned on would run it: the reasoning model's rules are learned and recorded once, {@code reasoning_effort} reaches
 * every request, reasoning tokens show in the summary, the manifest and the cost; with {@code stream: true} every
 * request streams and the records are the ones the same run gets without streaming.
 */
@Timeout(300)
class ReasoningAndStreamingCliTest {

  private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private int generate(String name, String provider, String baseUrl, String model, String... extra) {
    List<String> args = new ArrayList<>(List.of("generate", QUICKSTART.toString(), "-q", "--set", "target=12",
        "--set", "output_dir=" + dir, "--set", "report.enabled=false", "--set", "name=" + name,
        "--set", "models.default.provider=" + provider, "--set", "models.default.base_url=" + baseUrl,
        "--set", "models.default.api_key=sk-test", "--set", "models.default.model=" + model));
    args.addAll(List.of(extra));
    return Main.execute(args.toArray(String[]::new));
  }

  private JsonNode manifest(String name) throws IOException {
    return Json.parse(Files.readString(dir.resolve(name).resolve("manifest.json")));
  }

  @Test
  void reasoningModel_learnsItsRulesOnce_sendsTheEffort_andCountsReasoningTokensInUsageAndCost()
      throws IOException {
    List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    try (FaultFront front = FaultFront.start(r -> {
      bodies.add(Json.parse(r.body()));
      return null; // the simulator answers: o3-mini selects its reasoning profile
    })) {
      int exit = generate("reasoning", "openai", front.baseUrl(), "o3-mini",
          "--set", "models.default.reasoning_effort=high",
          "--set", "models.default.price.input_per_mtok=1", "--set", "models.default.price.output_per_mtok=10");
      String said = console.out() + console.err();
      assertThat(exit).as(said).isZero();
      assertThat(console.out()).contains("status: completed", "records: 12 accepted");
      assertThat(bodies).isNotEmpty()
          .allSatisfy(b -> assertThat(b.path("reasoning_effort").asText()).isEqualTo("high"));

      JsonNode m = manifest("reasoning");
      JsonNode total = m.path("usage").path("total");
      long reasoning = total.path("reasoning_tokens").asLong();
      long completion = total.path("completion_tokens").asLong();
      assertThat(reasoning).isPositive().isLessThan(completion);
      Matcher shown = Pattern.compile("(\\d+) completion \\((\\d+) reasoning\\)").matcher(console.out());
      assertThat(shown.find()).as(console.out()).isTrue();
      assertThat(Long.parseLong(shown.group(1))).isEqualTo(completion);
      assertThat(Long.parseLong(shown.group(2))).isEqualTo(reasoning);
      // Reasoning tokens are billed as the completion tokens they are part of.
      long prompt = total.path("prompt_tokens").asLong();
      long cached = total.path("cached_tokens").asLong();
      assertThat(total.path("cost_usd").asDouble()).isCloseTo((prompt - cached) * 1.0 / 1e6
          + total.path("cached_cost_usd").asDouble() + completion * 10.0 / 1e6, within(1e-9));

      // What the reasoning profile refuses, learned and recorded once each: manifest, events, and the bodies sent.
      List<String> learned = new ArrayList<>();
      m.path("adaptations").forEach(a -> learned.add(a.path("param").asText() + " " + a.path("fix").asText()));
      assertThat(learned).contains("max_tokens rename:max_completion_tokens", "temperature drop")
          .doesNotHaveDuplicates();
      List<String> events = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("reasoning/events.jsonl"))) {
        JsonNode e = Json.parse(line);
        if (e.path("type").asText().equals("adaptation")) {
          events.add(e.path("param").asText() + " " + e.path("fix").asText());
        }
      }
      assertThat(events).containsExactlyInAnyOrderElementsOf(learned);
      JsonNode last = bodies.get(bodies.size() - 1);
      assertThat(last.has("max_tokens")).isFalse();
      assertThat(last.path("max_completion_tokens").asLong()).isPositive();
      assertThat(last.has("temperature")).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"openai, gpt-4o-mini", "anthropic, claude-sonnet-4-5"})
  void streamTrue_streamsEveryCall_andGivesTheRecordsOfTheSameRunWithoutStreaming(String provider, String model)
      throws IOException {
    List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    try (FaultFront front = FaultFront.start(r -> {
      bodies.add(Json.parse(r.body()));
      return null;
    })) {
      assertThat(generate("direct", provider, front.baseUrl(), model)).as(console.out() + console.err()).isZero();
      int directCalls = bodies.size();
      assertThat(bodies).allSatisfy(b -> assertThat(b.has("stream")).isFalse());
      assertThat(generate("streamed", provider, front.baseUrl(), model, "--set", "models.default.stream=true"))
          .as(console.out() + console.err()).isZero();
      List<JsonNode> streamed = bodies.subList(directCalls, bodies.size());
      assertThat(streamed).isNotEmpty().allSatisfy(b -> {
        assertThat(b.path("stream").asBoolean()).isTrue();
        if (provider.equals("openai")) {
          assertThat(b.path("stream_options").path("include_usage").asBoolean()).isTrue();
        }
      });
      assertThat(records("streamed")).isNotEmpty().isEqualTo(records("direct"));
      // Usage comes from the stream's final usage chunk (OpenAI) or message_start/message_delta (Anthropic).
      JsonNode direct = manifest("direct").path("usage").path("total");
      JsonNode stream = manifest("streamed").path("usage").path("total");
      assertThat(stream.path("calls").asLong()).isEqualTo(direct.path("calls").asLong());
      assertThat(stream.path("prompt_tokens").asLong()).isEqualTo(direct.path("prompt_tokens").asLong());
      assertThat(stream.path("completion_tokens").asLong()).isPositive()
          .isEqualTo(direct.path("completion_tokens").asLong());
    }
  }

  private List<String> records(String name) throws IOException {
    Set<String> ids = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(name).resolve("dataset.jsonl"))) {
      JsonNode n = Json.parse(line);
      assertThat(ids.add(n.path("id").asText())).isTrue();
      out.add(n.path("id").asText() + " " + Json.write(n.path("data")));
    }
    return out.stream().sorted().toList();
  }
}
