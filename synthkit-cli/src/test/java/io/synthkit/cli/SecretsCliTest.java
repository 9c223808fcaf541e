package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.sim.FaultFront;
import io.synthkit.sim.FaultFront.Raw;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No configured secret leaves the process: servers that echo the API key, the Authorization header or a header value
 * in error bodies of every status, and a base URL with user-info, leave no trace of them on the terminal or in any file
 * of the run directory (manifest.json, report.html, events.jsonl, rejected.jsonl, the state database).
 */
@Timeout(300)
class SecretsCliTest {

  private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();
  // Not shaped like an OpenAI key on purpose: it must be hidden because it is configured, not because of its shape.
  private static final String KEY = "live_Zq8Xv3Lw0pTn4Rb7Ys2Kd9Mf";
  private static final String HEADER_SECRET = "hdr-Secret-998877";
  private static final String PASSWORD = "pw-Hunter22x";

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  /** An error body that echoes everything the request carried, as misbehaving servers and proxies do. */
  private static Raw echo(int status, FaultFront.Seen r) {
    String auth = r.headers().getOrDefault("authorization", "");
    String token = r.headers().getOrDefault("x-team-token", "");
    String message = "Incorrect API key provided: " + auth.replace("Bearer ", "") + ". You sent Authorization: " + auth
        + " and X-Team-Token: " + token;
    String body = "{\"error\": {\"message\": \"" + message + "\", \"type\": \"invalid_request_error\", \"code\":"
        + " \"invalid_api_key\"}}";
    return new Raw(status, body, Map.of("Content-Type", "application/json", "Retry-After", "0"));
  }

  @ParameterizedTest(name = "HTTP {0}")
  // One of each way the gateway handles a status: bad request (400, 413, 422), key (401, 403), model (404), other
  // client errors (402), retried (408, 409, 429, 5xx).
  @ValueSource(ints = {400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504})
  void keysEchoedInErrorBodies_appearNowhere(int status) throws IOException {
    try (FaultFront front = FaultFront.start(r -> echo(status, r))) {
      int exit = Main.execute("generate", QUICKSTART.toString(), "--set", "output_dir=" + dir,
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + front.baseUrl(),
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=" + KEY,
          "--set", "models.default.headers.X-Team-Token=" + HEADER_SECRET, "--set", "models.default.max_retries=1");
      String said = console.out() + console.err();
      if (status == 413) {
        // A 413 means the prompt is too long for the model: each item is rejected with the server's error.
        assertThat(exit).as(said).isIn(3, 5);
        assertThat(Files.readString(dir.resolve("quickstart/rejected.jsonl"))).as("the server's error is kept")
            .contains("HTTP 413", "<redacted>");
      } else {
        assertThat(exit).as(said).isEqualTo(3);
        assertThat(said).as("the server's error is still shown").contains("HTTP " + status, "<redacted>");
      }
      assertNoSecretIn(said, KEY, HEADER_SECRET);
      assertThat(front.requests()).isPositive();
    }
  }

  @Test
  void credentialsInTheBaseUrl_areSentAsBasicAuth_andShownNowhere() throws IOException {
    List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FaultFront front = FaultFront.start(r -> {
      authorizations.add(r.headers().getOrDefault("authorization", ""));
      return echo(500, r);
    })) {
      String url = front.baseUrl().replace("http://", "http://alice:" + PASSWORD + "@");
      int exit = Main.execute("generate", QUICKSTART.toString(), "--set", "output_dir=" + dir,
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + url,
          "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.max_retries=1");
      String said = console.out() + console.err();
      assertThat(exit).as(said).isEqualTo(3);
      String basic = Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      assertThat(authorizations).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("Basic " + basic));
      assertThat(said).contains("HTTP 500");
      assertNoSecretIn(said, PASSWORD, basic, "alice:");
    }
  }

  private void assertNoSecretIn(String said, String... secrets) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    assertThat(files).as("the run wrote its files").anyMatch(f -> f.endsWith("manifest.json"))
        .anyMatch(f -> f.endsWith("report.html"));
    for (String secret : secrets) {
      assertThat(said).as("terminal output").doesNotContain(secret);
      for (Path f : files) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain(secret);
      }
    }
  }
}
