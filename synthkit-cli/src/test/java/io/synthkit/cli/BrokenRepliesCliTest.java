package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.FaultFront;
import io.synthkit.sim.FaultFront.Raw;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies that carry no usable answer (a 200 with {@code choices: []}, an empty body, a choice without a message, a
 * body that is not JSON) are failed attempts: retried, counted, never cached, and never a crash. A resumed run against
 * a healthy server makes the calls again instead of replaying the broken replies.
 */
@Timeout(300)
class BrokenRepliesCliTest {

  private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();

  /** Every kind of useless 200 reply. */
  static final List<Raw> BROKEN = List.of(Raw.json(200, "{\"id\": \"x\", \"object\": \"chat.completion\", \"choices\": []}"),
      Raw.json(200, ""), Raw.json(200, "{\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\"}]}"),
      Raw.json(200, "{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": null},"
          + " \"finish_reason\": \"stop\"}]}"),
      Raw.json(200, "<html>502 Bad Gateway</html>"), Raw.json(200, "{\"choices\": null}"));

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private int generate(FaultFront front, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("generate", QUICKSTART.toString(), "-q",
        "--set", "output_dir=" + dir, "--set", "report.enabled=false",
        "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + front.baseUrl(),
        "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test"));
    args.addAll(List.of(extra));
    return Main.execute(args.toArray(String[]::new));
  }

  private JsonNode total() throws IOException {
    return Json.parse(Files.readString(dir.resolve("quickstart/manifest.json"))).path("usage").path("total");
  }

  @Test
  void brokenRepliesAmongGoodOnes_areRetried_andTheRunReachesItsTarget() throws IOException {
    // Every third request gets a useless reply, each kind in turn.
    try (FaultFront front = FaultFront.start(r -> r.number() % 3 == 0
        ? BROKEN.get((int) (r.number() / 3 % BROKEN.size())) : null)) {
      int exit = generate(front);
      assertThat(exit).as(console.out() + console.err()).isZero();
      assertThat(console.out() + console.err()).contains("status: completed").doesNotContain("internal error")
          .doesNotContain("Exception");
      JsonNode total = total();
      assertThat(total.path("retries").asLong()).as("broken replies were retried").isPositive();
      assertThat(Files.readString(dir.resolve("quickstart/rejected.jsonl"))).as("no broken reply was parsed")
          .doesNotContain("\"parse\"");
      assertThat(total.path("calls").asLong() + total.path("retries").asLong() + total.path("failures").asLong())
          .as("every request accounted for").isEqualTo(front.requests());
    }
  }

  @Test
  void brokenRepliesForSomeItems_rejectThoseItemsWithTheReason_andTheRunGoesOn() throws IOException {
    // The calls of about one item in eight always get a useless reply (each kind in turn), whatever the attempt.
    try (FaultFront front = FaultFront.start(r -> {
      int h = Math.floorMod(r.headers().getOrDefault("x-synthkit-call", "").hashCode(), 48);
      return h < BROKEN.size() ? BROKEN.get(h) : null;
    })) {
      int exit = generate(front, "--set", "models.default.max_retries=1");
      String said = console.out() + console.err();
      assertThat(exit).as(said).isZero();
      assertThat(said).contains("status: completed").doesNotContain("internal error").doesNotContain("Exception");
      List<JsonNode> rejected = Files.readAllLines(dir.resolve("quickstart/rejected.jsonl")).stream()
          .map(Json::parse).toList();
      // Each broken reply failed its call and its item was rejected with the reason; none was parsed as an answer.
      assertThat(rejected).isNotEmpty().allSatisfy(r -> assertThat(r.path("step").asText()).isEqualTo("call_failed"));
      assertThat(Files.readString(dir.resolve("quickstart/rejected.jsonl")))
          .containsAnyOf("a reply without choices", "an empty body", "a choice without a message",
              "a choice without an answer", "not JSON");
    }
  }

  @Test
  void onlyBrokenReplies_endCleanly_areNeverCached_andAResumeAgainstAHealthyServerCompletes() throws IOException {
    try (FaultFront front = FaultFront.start(r -> BROKEN.get((int) (r.number() % BROKEN.size())))) {
      int exit = generate(front, "--set", "models.default.max_retries=1");
      String said = console.out() + console.err();
      assertThat(exit).as(said).isIn(3, 5);
      assertThat(said).doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(Json.parse(Files.readString(dir.resolve("quickstart/manifest.json"))).path("status").asText())
          .isIn("failed", "incomplete");
      assertThat(Files.readString(dir.resolve("quickstart/rejected.jsonl"))).doesNotContain("\"parse\"");

      front.script(null);
      console.clear();
      int resumed = generate(front);
      assertThat(resumed).as(console.out() + console.err()).isZero();
      // Nothing broken was replayed from the cache: every call of the resumed run went to the server.
      assertThat(console.out()).contains("status: completed", "records: 50 accepted", "(0 replayed from the run's cache)");
      assertThat(Files.readAllLines(dir.resolve("quickstart/dataset.jsonl"))).hasSize(50);
    }
  }
}
