package io.synthkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the SDK conformance tests cannot reach: keyless profiles and open servers, forced profiles, injected faults in
 * the real error shapes, the token limit under every kind of reply, and the raw event-stream framing.
 */
class SimulatorStrictnessTest {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  record Answer(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      return Json.parse(body);
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  static Answer openAi(Simulator sim, String key, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b);
  }

  static Answer anthropic(Simulator sim, Object body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(sim.rootUrl() + "/v1/messages")).header("x-api-key", "sk-ant")
        .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
  }

  static Answer send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("X-Synthkit-Simulated")).as("simulated header").contains("true");
    return new Answer(r.statusCode(), r.headers().map(), r.body());
  }

  static ObjectNode chat(String model, String user) {
    ObjectNode body = Json.object().put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", user);
    return body;
  }

  @ParameterizedTest
  @CsvSource({"gpt-4o, OPENAI", "o1-preview, REASONING", "o3-mini, REASONING", "o4-mini, REASONING",
      "gpt-5-nano, REASONING", "ft:o4-mini:acme:x:1, REASONING", "ft:gpt-4o-mini:acme:x:1, OPENAI",
      "llama3.1:8b, OLLAMA", "ollama/qwen2, OLLAMA", "no-json-schema/Qwen2.5-7B, NO_JSON_SCHEMA",
      "Qwen/Qwen2.5-7B-Instruct, OPENAI", "claude-sonnet-4-5, OPENAI"})
  void profile_isChosenByModelName(String model, Profile expected) {
    assertThat(Profile.forModel(model)).isEqualTo(expected);
  }

  @Test
  void options_readProfileKeysAndModelsFromConfigAndRejectUnknownProfiles() {
    SimulatorOptions o = Json.convert(Json.parse("{\"profile\": \"ollama\", \"api_keys\": [\"k1\"],"
        + " \"models\": [\"m\"], \"latency_ms\": 5}"), SimulatorOptions.class);
    assertThat(o.profileFor("gpt-4o")).isEqualTo(Profile.OLLAMA);
    assertThat(o.apiKeys()).containsExactly("k1");
    assertThat(o.models()).containsExactly("m");
    assertThat(o.latency()).isEqualTo(5);
    assertThat(SimulatorOptions.DEFAULT.withProfile(Profile.OLLAMA).withProfile(null).profileFor("x"))
        .isEqualTo(Profile.OPENAI);
    assertThatThrownBy(() -> Profile.parse("gpt")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reasoning");
  }

  @Test
  void keys_missingIsA401ExceptForOllamaAndOpenServers() throws Exception {
    try (Simulator sim = Simulator.start(null)) {
      Answer missing = openAi(sim, null, chat("gpt-4o", "hi"));
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(missing.json().path("error").has("param")).isTrue();
      assertThat(openAi(sim, "any-key", chat("gpt-4o", "hi")).status()).isEqualTo(200);
      assertThat(openAi(sim, null, chat("llama3.1:8b", "hi")).status()).isEqualTo(200);
    }
    try (Simulator open = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of()))) {
      assertThat(openAi(open, null, chat("gpt-4o", "hi")).status()).isEqualTo(200);
    }
  }

  /** The requests issue 13 found accepted with a 200: each is now refused as the real API refuses it. */
  @Test
  void theRequestsOnceAccepted_areRefusedNamingTheParameter() throws Exception {
    Map<String, ObjectNode> openAi = new LinkedHashMap<>();
    openAi.put("temperature", chat("gpt-4o", "hi").put("temperature", 7));
    openAi.put("n", chat("gpt-4o", "hi").put("n", 0));
    ObjectNode noModel = chat("gpt-4o", "hi");
    noModel.remove("model");
    openAi.put("model", noModel);
    ObjectNode noMessages = Json.object().put("model", "gpt-4o");
    noMessages.putArray("messages");
    openAi.put("messages", noMessages);
    Map<ObjectNode, String> anthropic = new LinkedHashMap<>();
    ObjectNode anthropicNoModel = chat("claude-x", "hi").put("max_tokens", 10);
    anthropicNoModel.remove("model");
    anthropic.put(anthropicNoModel, "model: Field required");
    anthropic.put(Json.object().put("model", "claude-x").put("max_tokens", 10).set("messages", Json.array()),
        "messages: at least one message is required");
    anthropic.put(chat("claude-x", "hi").put("max_tokens", 10).put("temperature", 7), "temperature:");
    try (Simulator sim = Simulator.start(null)) {
      for (Map.Entry<String, ObjectNode> e : openAi.entrySet()) {
        Answer a = openAi(sim, "k", e.getValue());
        assertThat(a.status()).as(e.getKey()).isEqualTo(400);
        JsonNode error = a.json().path("error");
        assertThat(error.path("type").asText()).as(e.getKey()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).as(e.getKey()).isEqualTo(e.getKey());
        assertThat(error.path("message").asText()).as(e.getKey()).isNotBlank();
        assertThat(error.has("code")).as(e.getKey()).isTrue();
      }
      for (Map.Entry<ObjectNode, String> e : anthropic.entrySet()) {
        Answer a = anthropic(sim, e.getKey());
        assertThat(a.status()).as(e.getValue()).isEqualTo(400);
        assertThat(a.json().path("type").asText()).isEqualTo("error");
        assertThat(a.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(a.json().path("error").path("message").asText()).startsWith(e.getValue());
      }
    }
  }

  @Test
  void forcedProfile_appliesWhateverTheModelName() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withProfile(Profile.REASONING))) {
      Answer a = openAi(sim, "k", chat("gpt-4o", "hi").put("max_tokens", 50));
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.json().path("error").path("param").asText()).isEqualTo("max_tokens");
      JsonNode ok = openAi(sim, "k", chat("gpt-4o", "hi").put("max_completion_tokens", 500)).json();
      assertThat(ok.path("usage").path("completion_tokens_details").path("reasoning_tokens").asLong()).isPositive();
    }
  }

  @Test
  void injectedFaults_useEachApisRealErrorShape() throws Exception {
    SimulatorOptions limited = new SimulatorOptions(null, null, null, 3, 1.0, null, null, null, null, null, null, null,
        null, null, null, null);
    try (Simulator sim = Simulator.start(limited)) {
      Answer o = openAi(sim, "k", chat("gpt-4o", "hi"));
      assertThat(o.status()).isEqualTo(429);
      assertThat(o.header("Retry-After")).isEqualTo("3");
      assertThat(o.header("x-ratelimit-remaining-requests")).isEqualTo("0");
      assertThat(o.json().path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
      Answer a = anthropic(sim, chat("claude-x", "hi").put("max_tokens", 10));
      assertThat(a.status()).isEqualTo(429);
      assertThat(a.json().path("type").asText()).isEqualTo("error");
      assertThat(a.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
      assertThat(a.header("anthropic-ratelimit-requests-remaining")).isEqualTo("0");
    }
    SimulatorOptions failing = new SimulatorOptions(null, null, null, null, null, 1.0, null, null, null, null, null,
        null, null, null, null, null);
    try (Simulator sim = Simulator.start(failing)) {
      for (int i = 0; i < 6; i++) {
        Answer o = openAi(sim, "k", chat("gpt-4o", "hi " + i));
        assertThat(o.status()).isIn(500, 503);
        assertThat(o.json().path("error").path("type").asText()).isEqualTo("server_error");
        Answer a = anthropic(sim, chat("claude-x", "hi " + i).put("max_tokens", 10));
        assertThat(a.status()).isIn(500, 529);
        assertThat(a.json().path("error").path("type").asText()).isIn("api_error", "overloaded_error");
      }
    }
  }

  @Test
  void usage_neverExceedsTheTokenLimit() throws Exception {
    ObjectNode schema = Json.parse("{\"type\": \"object\", \"properties\": {\"question\": {\"type\": \"string\"},"
        + " \"answer\": {\"type\": \"string\"}}, \"required\": [\"question\", \"answer\"],"
        + " \"additionalProperties\": false}").deepCopy();
    try (Simulator sim = Simulator.start(null)) {
      for (int limit = 1; limit <= 60; limit += 7) {
        ObjectNode plain = chat("gpt-4o", "tell me " + limit).put("max_tokens", limit).put("n", 2);
        ObjectNode structured = chat("gpt-4o", "as json " + limit).put("max_completion_tokens", limit);
        ObjectNode rf = structured.putObject("response_format").put("type", "json_schema");
        rf.putObject("json_schema").put("name", "qa").put("strict", true).set("schema", schema);
        ObjectNode reasoning = chat("o3-mini", "think " + limit).put("max_completion_tokens", limit);
        for (ObjectNode body : List.of(plain, structured, reasoning)) {
          JsonNode r = openAi(sim, "k", body).json();
          int choices = r.path("choices").size();
          assertThat(r.path("usage").path("completion_tokens").asLong()).as("%s", body)
              .isLessThanOrEqualTo((long) limit * choices);
        }
        JsonNode a = anthropic(sim, chat("claude-x", "tell me " + limit).put("max_tokens", limit)).json();
        assertThat(a.path("usage").path("output_tokens").asLong()).isLessThanOrEqualTo(limit);
      }
      JsonNode cut = openAi(sim, "k", chat("gpt-4o", "long").put("max_tokens", 2)).json();
      assertThat(cut.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    }
  }

  @Test
  void anthropicToolCall_whoseScriptedTextIsNotAnObject_isSentAsText() throws Exception {
    try (Simulator sim = Simulator.start(null, req -> SimResponse.text("not json at all"))) {
      ObjectNode body = chat("claude-x", "use the tool").put("max_tokens", 100);
      body.putArray("tools").addObject().put("name", "t").putObject("input_schema").put("type", "object");
      body.putObject("tool_choice").put("type", "any");
      JsonNode m = anthropic(sim, body).json();
      assertThat(m.path("content").get(0).path("type").asText()).isEqualTo("text");
      assertThat(m.path("content").get(0).path("text").asText()).isEqualTo("not json at all");
    }
  }

  @Test
  void streams_useEachApisFraming() throws Exception {
    try (Simulator sim = Simulator.start(null)) {
      Answer o = openAi(sim, "k", chat("gpt-4o", "hi").put("stream", true));
      assertThat(o.header("Content-Type")).startsWith("text/event-stream");
      assertThat(o.body()).startsWith("data: {").endsWith("data: [DONE]\n\n").doesNotContain("\"usage\"");
      Answer a = anthropic(sim, chat("claude-x", "hi").put("max_tokens", 50).put("stream", true));
      assertThat(a.body()).startsWith("event: message_start\ndata: {").contains("event: ping\n")
          .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
      Answer badOptions = openAi(sim, "k", chat("gpt-4o", "hi").set("stream_options",
          Json.object().put("include_usage", true)));
      assertThat(badOptions.status()).isEqualTo(400);
      assertThat(badOptions.json().path("error").path("param").asText()).isEqualTo("stream_options");
    }
  }

  @Test
  void scriptedErrors_keepTheirStatusInTheApisShape() throws Exception {
    try (Simulator sim = Simulator.start(null, req -> SimResponse.error(503, 2))) {
      Answer o = openAi(sim, "k", chat("gpt-4o", "hi"));
      assertThat(o.status()).isEqualTo(503);
      assertThat(o.header("Retry-After")).isEqualTo("2");
      assertThat(o.json().path("error").path("type").asText()).isEqualTo("server_error");
      Answer a = anthropic(sim, chat("claude-x", "hi").put("max_tokens", 10));
      assertThat(a.status()).isEqualTo(503);
      assertThat(a.json().path("type").asText()).isEqualTo("error");
    }
  }
}
