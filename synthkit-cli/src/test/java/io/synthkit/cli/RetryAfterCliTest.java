package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.FaultFront;
import io.synthkit.sim.FaultFront.Raw;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's Retry-After is obeyed up to {@code max_retry_after_seconds} (default 120), and the progress line says the
 * run is waiting and until when; a longer one fails the attempt at once instead of hanging the run.
 */
@Timeout(300)
class RetryAfterCliTest {

  private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private static Raw tooManyRequests(long seconds) {
    return new Raw(429, "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}",
        Map.of("Content-Type", "application/json", "Retry-After", Long.toString(seconds)));
  }

  private int generate(FaultFront front, String... extra) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("generate", QUICKSTART.toString(),
        "--set", "output_dir=" + dir, "--set", "report.enabled=false",
        "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + front.baseUrl(),
        "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test"));
    args.addAll(java.util.List.of(extra));
    return Main.execute(args.toArray(String[]::new));
  }

  private JsonNode total() throws IOException {
    return Json.parse(Files.readString(dir.resolve("quickstart/manifest.json"))).path("usage").path("total");
  }

  @Test
  void aRetryAfterBeyondTheCap_failsTheAttemptAtOnce_insteadOfHangingTheRun() throws IOException {
    try (FaultFront front = FaultFront.start(r -> tooManyRequests(999_999))) {
      int exit = generate(front, "-q");
      String said = console.out() + console.err();
      assertThat(exit).as(said).isEqualTo(3);
      assertThat(said).contains("asked to wait 999999 s (Retry-After), longer than the 120 s");
      JsonNode total = total();
      assertThat(total.path("retries").asLong()).as("no attempt waited to retry").isZero();
      assertThat(total.path("failures").asLong()).isPositive();
      // Every request the server answered is counted. The run ends while the other items' requests are on the wire;
      // those are counted as failed calls too, though some may be cut off before they reach the server, so the count
      // can exceed what the server saw by at most one request per item in flight (batch_size 12).
      long counted = total.path("calls").asLong() + total.path("retries").asLong() + total.path("failures").asLong();
      assertThat(counted).isBetween(front.requests(), front.requests() + 12L);
    }
  }

  @Test
  void theCapIsASetting() throws IOException {
    try (FaultFront front = FaultFront.start(r -> tooManyRequests(30))) {
      int exit = generate(front, "-q", "--set", "models.default.max_retry_after_seconds=5");
      assertThat(exit).as(console.out() + console.err()).isEqualTo(3);
      assertThat(console.out() + console.err()).contains("asked to wait 30 s (Retry-After), longer than the 5 s");
    }
  }

  @Test
  void aRetryAfterWithinTheCap_isWaitedOut_andTheProgressLineSaysUntilWhen() throws IOException {
    // The first request is told to come back in 16 s: longer than the ten seconds between two plain progress lines.
    try (FaultFront front = FaultFront.start(r -> r.number() == 1 ? tooManyRequests(16) : null)) {
      int exit = generate(front);
      String said = console.out() + console.err();
      assertThat(exit).as(said).isZero();
      assertThat(said).containsPattern("waiting until \\d\\d:\\d\\d:\\d\\d \\(HTTP 429: Rate limit reached\\)")
          .contains("status: completed");
      assertThat(total().path("retries").asLong()).isEqualTo(1);
    }
  }
}
