package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.FaultFront;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs from the command line against failing endpoints: the quickstart and one example of each method reach their
 * target through 30% faults in one invocation with every request accounted for; exit codes 3 and 5 and their summaries.
 */
@Timeout(300)
class FailurePolicyCliTest {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final String QUICKSTART = EXAMPLES.resolve("quickstart.yaml").toString();

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private JsonNode manifest() throws IOException {
    return Json.parse(Files.readString(dir.resolve("quickstart/manifest.json")));
  }

  @Test
  void thirtyPercentFailingCalls_quickstartReachesItsTargetInOneInvocation() throws IOException {
    // 10% 429 (Retry-After 1 s), 10% 500/503, 10% requests that hang past the client's timeout, and 10% of the JSON
    // replies malformed on top. The quickstart makes about 60 calls, so about 90 requests: retries are certain.
    SimulatorOptions faults = new SimulatorOptions(null, null, null, 1, 0.1, 0.1, 0.1, 4000, null, null, null, 0.1,
        null, 11L, null, null);
    try (Simulator sim = Simulator.start(faults)) {
      int exit = Main.execute("generate", QUICKSTART, "-q", "--set", "output_dir=" + dir,
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + sim.baseUrl(),
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test",
          "--set", "models.default.timeout_seconds=2");
      assertThat(exit).as(console.out() + console.err()).isZero();
      assertThat(console.out()).contains("status: completed", "records: 50 accepted");
      JsonNode total = manifest().path("usage").path("total");
      long calls = total.path("calls").asLong();
      long retries = total.path("retries").asLong();
      long failures = total.path("failures").asLong();
      assertThat(retries).as("faults were injected").isPositive();
      // Every request the server saw is accounted for: a completed call, a retried attempt, or a failed call.
      assertThat(calls + retries + failures).isEqualTo(sim.requests());
    }
  }

  // Targets large enough for each method to make some 30+ calls, so that faults are certain to hit it.
  @ParameterizedTest(name = "{0} to {1}")
  @CsvSource({"aide-freetext.yaml, 4", "data-advisor-safety.yaml, 4", "datagen-mmlu.yaml, 4",
      "reversegen-safety.yaml, 4", "self-reference-yesno.yaml, 40"})
  void thirtyPercentFailingCalls_eachMethodReachesItsTargetInOneInvocation(String example, int target)
      throws IOException {
    SimulatorOptions faults = new SimulatorOptions(null, null, null, 1, 0.1, 0.1, 0.1, 4000, null, null, null, 0.1,
        null, 11L, null, null);
    try (Simulator sim = Simulator.start(faults)) {
      int exit = Main.execute("generate", EXAMPLES.resolve(example).toString(), "-q", "--set", "output_dir=" + dir,
          "--set", "target=" + target, "--set", "report.enabled=false",
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + sim.baseUrl(),
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test",
          "--set", "models.default.timeout_seconds=2");
      assertThat(exit).as(console.out() + console.err()).isZero();
      assertThat(console.out()).contains("status: completed", "records: " + target + " accepted");
      String name = example.substring(0, example.length() - ".yaml".length());
      JsonNode total = Json.parse(Files.readString(dir.resolve(name).resolve("manifest.json"))).path("usage")
          .path("total");
      long retries = total.path("retries").asLong();
      assertThat(retries).as("faults were injected").isPositive();
      assertThat(total.path("calls").asLong() + retries + total.path("failures").asLong()).isEqualTo(sim.requests());
    }
  }

  @Test
  void anEndpointThatIsDown_exits3AndSaysSo() {
    int exit = Main.execute("generate", QUICKSTART, "-q", "--set", "output_dir=" + dir,
        "--set", "models.default.provider=simulated", "--set", "models.default.simulator.server_error=1.0",
        "--set", "models.default.max_retries=0");
    assertThat(exit).isEqualTo(3);
    assertThat(console.out()).contains("status: failed", "looks down: 5 calls in a row failed");
  }

  @Test
  void anEndpointThatGoesDown_exits3_andTheSameCommandResumesToTheTargetOnceItIsBack() throws IOException {
    // Healthy for the first 30 model calls, then every call is a 503 until the server is back.
    try (FaultFront front = FaultFront.start(r -> r.number() > 30 ? FaultFront.Raw.json(503, "{\"error\":"
        + " {\"message\": \"The server is overloaded or not ready yet.\", \"type\": \"server_error\","
        + " \"param\": null, \"code\": null}}") : null)) {
      String[] args = {"generate", QUICKSTART, "-q", "--set", "output_dir=" + dir,
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + front.baseUrl(),
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test",
          "--set", "models.default.max_retries=1"};
      assertThat(Main.execute(args)).as(console.out() + console.err()).isEqualTo(3);
      assertThat(console.out()).contains("status: failed", "looks down: 5 calls in a row failed",
          "run the same command to resume");
      assertThat(manifest().path("status").asText()).isEqualTo("failed");
      Path dataset = dir.resolve("quickstart/dataset.jsonl");
      List<String> before = Files.exists(dataset) ? Files.readAllLines(dataset) : List.of();

      front.script(null);
      console.clear();
      assertThat(Main.execute(args)).as(console.out() + console.err()).isZero();
      assertThat(console.out()).contains("status: completed", "records: 50 accepted");
      List<String> after = Files.readAllLines(dataset);
      assertThat(after).hasSize(50);
      assertThat(after.subList(0, before.size())).as("records of the first invocation are kept").isEqualTo(before);
      JsonNode m = manifest();
      assertThat(m.path("status").asText()).isEqualTo("completed");
      assertThat(m.path("timings").path("sessions").asInt()).as("resumed, not restarted").isEqualTo(2);
    }
  }

  @Test
  void aRunShortOfItsTarget_exits5AndSaysWhatToChange() throws IOException {
    int exit = Main.execute("generate", QUICKSTART, "-q", "--set", "output_dir=" + dir,
        "--set", "models.default.provider=simulated", "--set", "models.default.simulator.invalid=1.0",
        "--set", "models.default.max_repairs=0", "--set", "self-instruct.max_idle_rounds=1");
    assertThat(exit).isEqualTo(5);
    assertThat(console.out()).contains("status: incomplete",
        "note: the method finished its work with 0 of 50 records", "Replies did not match the schema");
    assertThat(manifest().path("status").asText()).isEqualTo("incomplete");
  }

  @Test
  void help_listsTheExitCodes() {
    assertThat(Main.execute("generate", "--help")).isZero();
    assertThat(console.out()).contains("5 incomplete", "3 model endpoint unusable");
  }
}
