package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code synthkit simulate} as a user runs it: a separate process serving OpenAI and Anthropic requests. */
@Timeout(120)
class SimulateCommandTest {

  @Test
  void simulate_servesBothApisUntilStopped() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "io.synthkit.cli.Main",
        "simulate", "--port", "0")).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher m = Pattern.compile("listening on (http://\\S+/v1) \\(OpenAI\\) and (http://\\S+) \\(Anthropic\\)")
          .matcher(line == null ? "" : line);
      assertThat(m.find()).as(line).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> keyless = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(keyless.statusCode()).isEqualTo(401);
      assertThat(Json.parse(keyless.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
      HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/chat/completions"))
          .header("Authorization", "Bearer sk-any").POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"x\",\"messages\":[{\"role\":\"user\","
              + "\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(chat.headers().firstValue("X-Synthkit-Simulated")).contains("true");
      assertThat(Json.parse(chat.body()).path("choices").get(0).path("message").path("content").asText())
          .isNotBlank();
      HttpResponse<String> msg = http.send(HttpRequest.newBuilder(URI.create(m.group(2) + "/v1/messages"))
          .header("x-api-key", "sk-ant-any").header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"c\",\"max_tokens\":50,\"messages\":[{\"role\":"
              + "\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(Json.parse(msg.body()).path("type").asText()).isEqualTo("message");
      HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/models"))
          .header("Authorization", "Bearer sk-any").GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(models.body()).contains("synthkit-simulator");
    } finally {
      p.destroy();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }
}
