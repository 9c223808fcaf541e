package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.http.HttpTransport;
import io.synthkit.http.StubServer;
import io.synthkit.json.Json;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.FineTuning;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI fine-tuning API as ReverseGen's trainer uses it, against a stub server. */
class FineTuningClientTest {

  private static FineTuningClient client(HttpTransport http, String base, String key, Map<String, String> extra) {
    return new FineTuningClient(http, base, key, extra, Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  @Test
  void upload_sendsTheFileAsMultipart_andReturnsItsId(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("train.jsonl");
    Files.writeString(file, "{\"messages\": []}\n");
    try (StubServer server = StubServer.start(req -> StubServer.Reply.json(200, "{\"id\": \"file-1\"}"));
        HttpTransport http = new HttpTransport()) {
      FineTuning ft = client(http, server.url() + "/v1/", "sk-ft-key", Map.of("OpenAI-Organization", "org-1"));
      assertThat(ft.upload(file)).isEqualTo("file-1");
      StubServer.Seen seen = server.requests().get(0);
      assertThat(seen.method()).isEqualTo("POST");
      assertThat(seen.path()).isEqualTo("/v1/files");
      assertThat(seen.headers()).containsEntry("authorization", "Bearer sk-ft-key")
          .containsEntry("openai-organization", "org-1");
      assertThat(seen.headers().get("content-type")).startsWith("multipart/form-data");
      assertThat(seen.text()).contains("fine-tune", "train.jsonl", "{\"messages\": []}");
    }
  }

  @Test
  void upload_ofAMissingFile_isAnInputError(@TempDir Path dir) {
    try (HttpTransport http = new HttpTransport()) {
      FineTuning ft = client(http, "http://127.0.0.1:9/v1", "sk-ft-key", null);
      assertThatThrownBy(() -> ft.upload(dir.resolve("none.jsonl"))).isInstanceOf(SynthkitException.class)
          .hasMessageStartingWith("cannot read the training file " + dir.resolve("none.jsonl"));
    }
  }

  @Test
  void jobs_areCreatedFoundByKeyAndRead() {
    try (StubServer server = StubServer.start(req -> switch (req.method() + " " + req.path()) {
      case "POST /v1/fine_tuning/jobs" -> StubServer.Reply.json(200, "{\"id\": \"ftjob-1\", \"status\": \"queued\"}");
      case "GET /v1/fine_tuning/jobs?limit=100" -> StubServer.Reply.json(200, "{\"data\": [{\"id\": \"ftjob-0\"},"
          + " {\"id\": \"ftjob-1\", \"metadata\": {\"" + FineTuning.JOB_KEY + "\": \"key-1\"}}]}");
      case "GET /v1/fine_tuning/jobs/ftjob-1" -> StubServer.Reply.json(200, "{\"id\": \"ftjob-1\", \"status\":"
          + " \"succeeded\"}");
      default -> StubServer.Reply.json(404, "{\"error\": {\"message\": \"no route\"}}");
    }); HttpTransport http = new HttpTransport()) {
      FineTuning ft = client(http, server.url() + "/v1", "sk-ft-key", null);
      assertThat(ft.createJob(Json.object().put("model", "m")).path("id").asText()).isEqualTo("ftjob-1");
      assertThat(server.requests().get(0).json().path("model").asText()).isEqualTo("m");
      assertThat(server.requests().get(0).headers()).containsEntry("content-type", "application/json");
      assertThat(ft.findJob("key-1")).map(j -> j.path("id").asText()).contains("ftjob-1");
      assertThat(ft.findJob("key-2")).isEqualTo(Optional.empty());
      assertThat(ft.job("ftjob-1").path("status").asText()).isEqualTo("succeeded");
    }
  }

  @Test
  void refusals_areNotRetried_andSayWhatToCheck() {
    for (int status : new int[] {400, 401, 403, 404}) {
      try (StubServer server = StubServer.start(req -> StubServer.Reply.json(status, "{\"error\": {\"message\":"
          + " \"nope\"}}")); HttpTransport http = new HttpTransport()) {
        FineTuning ft = client(http, server.url() + "/v1", "sk-ft-key", null);
        String hint = switch (status) {
          case 401, 403 -> "; check the proposer's api_key";
          case 404 -> "; does this endpoint serve the fine-tuning API? (OpenAI does; vLLM does not: use the command"
              + " trainer there)";
          default -> "";
        };
        assertThatThrownBy(() -> ft.job("ftjob-9")).isInstanceOf(EndpointException.class)
            .hasMessage("could not read fine-tuning job ftjob-9 at " + server.url() + "/v1 (HTTP " + status + ": nope)"
                + hint)
            .satisfies(e -> assertThat(((EndpointException) e).status()).isEqualTo(status));
        assertThat(server.requests()).hasSize(1);
      }
    }
  }

  @Test
  void userInfoInTheUrl_becomesBasicAuth_andStaysOutOfMessages() {
    try (StubServer server = StubServer.start(req -> StubServer.Reply.json(400, "{\"error\": {\"message\":"
        + " \"bad\"}}")); HttpTransport http = new HttpTransport()) {
      String withUser = server.url().replace("http://", "http://ft-user:ft-secret-pw@") + "/v1";
      FineTuning ft = new FineTuningClient(http, withUser, null, null, Duration.ofSeconds(10), Duration.ofSeconds(5));
      assertThatThrownBy(() -> ft.createJob(Json.object())).hasMessageContaining(" at " + server.url() + "/v1 ")
          .hasMessageNotContaining("ft-secret-pw");
      assertThat(server.requests().get(0).headers().get("authorization")).startsWith("Basic ")
          .isNotEqualTo("Basic ");
    }
  }

  @Test
  void aBusyServer_isAskedAgainAfterTheWaitItNames() {
    int[] calls = {0};
    try (StubServer server = StubServer.start(req -> ++calls[0] == 1
        ? StubServer.Reply.json(429, "{\"error\": {\"message\": \"slow down\"}}").header("Retry-After", "0")
        : StubServer.Reply.json(200, "{\"id\": \"ftjob-1\"}")); HttpTransport http = new HttpTransport()) {
      FineTuning ft = client(http, server.url() + "/v1", "sk-ft-key", null);
      assertThat(ft.job("ftjob-1").path("id").asText()).isEqualTo("ftjob-1");
      assertThat(server.requests()).hasSize(2);
    }
  }
}
