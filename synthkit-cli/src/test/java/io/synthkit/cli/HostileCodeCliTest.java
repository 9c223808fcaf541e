package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DataGen's math example from the command line against a model over HTTP whose programs for the first items are
 * hostile (issue 19): the run completes, items whose programs hit the sandbox's limits twice are rejected with
 * "sandbox gave up after 2 failures", and items whose hostile programs are merely denied get their retries.
 */
@Timeout(600)
class HostileCodeCliTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "datagen-gsm8k.yaml").toAbsolutePath().normalize();
  private static final String HONEST = "apples = 3\nbags = 4\nanswer = apples * bags";

  /** Programs for the 1st, 2nd, ... item that reaches math_check, by attempt; later attempts and items are honest. */
  private static final List<List<String>> BY_ITEM = List.of(
      List.of("x = []\nwhile True:\n    x.append([0] * 10**6)", "while True:\n    pass"),
      List.of("while True:\n    print('x' * 10000)", "answer = sum(range(10**13))"),
      List.of("import os\nwhile True:\n    os.fork()", "answer = open('/etc/passwd').read()"),
      List.of("def f(n):\n    return f(n + 1)\nanswer = f(0)"));

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @Test
  void hostilePrograms_theMathExampleCompletesAndGivesUpOnItemsThatHitTheLimits() throws IOException {
    Map<String, Integer> itemOrder = new ConcurrentHashMap<>();
    AtomicInteger items = new AtomicInteger();
    Responder model = req -> {
      if (!req.callKey().startsWith("math_check/")) {
        return null;
      }
      // math_check/<item>/attempt/<n>
      String[] parts = req.callKey().split("/");
      int item = itemOrder.computeIfAbsent(parts[1], k -> items.getAndIncrement());
      int attempt = Integer.parseInt(parts[3]);
      String code = item < BY_ITEM.size() && attempt < BY_ITEM.get(item).size() ? BY_ITEM.get(item).get(attempt)
          : HONEST;
      return SimResponse.json(Json.object().put("analysis", "compute it").put("code", code));
    };
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, model)) {
      int exit = Main.execute("generate", EXAMPLE.toString(), "-q", "--set", "output_dir=" + dir,
          "--set", "target=4", "--set", "report.enabled=false",
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + sim.baseUrl(),
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test");
      assertThat(exit).as(console.out() + console.err()).isZero();
      assertThat(console.out()).contains("status: completed", "records: 4 accepted");
    }
    assertThat(items.get()).as("every scripted item reached math_check").isGreaterThanOrEqualTo(BY_ITEM.size());
    List<JsonNode> rejected = Files.readAllLines(dir.resolve("datagen-gsm8k/rejected.jsonl")).stream()
        .map(Json::parse).filter(n -> n.path("reason").asText().startsWith("sandbox gave up")).toList();
    assertThat(rejected).extracting(n -> n.path("reason").asText()).hasSize(2).allSatisfy(reason ->
        assertThat(reason).startsWith("sandbox gave up after 2 failures"));
    assertThat(rejected).extracting(n -> n.path("reason").asText()).anySatisfy(reason ->
        assertThat(reason).contains("timed out")).anySatisfy(reason -> assertThat(reason).contains("killed"));
    JsonNode memoryBomb = rejected.stream().filter(n -> n.toString().contains("x.append")).findFirst().orElseThrow();
    // Stopped by the memory watch, or, on a machine so loaded that 5 s pass before it holds 256 MiB, by the wall clock.
    assertThat(memoryBomb.path("meta").path("quality").path("math_check").path("attempts").get(0).path("outcome")
        .asText()).isIn("limit", "timeout");
  }
}
