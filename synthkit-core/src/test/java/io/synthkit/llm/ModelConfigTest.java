package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A model's settings as a config file states them: the range checks, the defaults and layering a role over another. */
class ModelConfigTest {

  /** Reads a model config as the config loader does, from its snake_case JSON. */
  static ModelConfig json(String json) {
    return Json.convert(Json.parse(json), ModelConfig.class);
  }

  @ParameterizedTest(name = "{0} = {1} is accepted")
  @CsvSource(delimiter = '|', value = {
      "temperature | 0", "temperature | 2", "top_p | 0", "top_p | 1", "max_tokens | 1", "max_concurrency | 1",
      "requests_per_minute | 0", "tokens_per_minute | 0", "timeout_seconds | 1", "max_retries | 0",
      "max_repairs | 0", "stall_timeout_seconds | 1", "max_retry_after_seconds | 0", "context_tokens | 1",
      "batch_max_requests | 1", "batch_poll_seconds | 0", "batch_window | 0"})
  void eachBound_isInclusive(String key, String value) {
    ModelConfig c = json("{\"" + key + "\": " + value + "}");
    assertThat(Json.tree(c).path(key).asDouble()).isEqualTo(Double.parseDouble(value));
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @CsvSource(delimiter = '|', value = {
      "temperature | -0.01 | temperature must be in [0, 2]: -0.01",
      "temperature | 2.01 | temperature must be in [0, 2]: 2.01",
      "top_p | -0.01 | top_p must be in [0, 1]: -0.01",
      "top_p | 1.01 | top_p must be in [0, 1]: 1.01",
      "max_tokens | 0 | max_tokens must be positive: 0",
      "max_concurrency | 0 | max_concurrency must be at least 1: 0",
      "requests_per_minute | -1 | requests_per_minute must not be negative: -1",
      "tokens_per_minute | -1 | tokens_per_minute must not be negative: -1",
      "timeout_seconds | 0 | timeout_seconds must be positive: 0",
      "max_retries | -1 | max_retries must not be negative: -1",
      "max_repairs | -1 | max_repairs must not be negative: -1",
      "stall_timeout_seconds | 0 | stall_timeout_seconds must be positive: 0",
      "max_retry_after_seconds | -1 | max_retry_after_seconds must not be negative: -1",
      "context_tokens | 0 | context_tokens must be positive: 0",
      "batch_max_requests | 0 | batch_max_requests must be at least 1: 0",
      "batch_poll_seconds | -0.5 | batch_poll_seconds must not be negative: -0.5",
      "batch_window | -0.5 | batch_window must not be negative: -0.5",
      "reasoning_effort | '\" \"' | reasoning_effort must not be blank",
      "base_url | '\"ftp://host/v1\"' | base_url must start with http:// or https://: ftp://host/v1"})
  void outOfRange_isRefusedWithTheKeyAndValue(String key, String value, String message) {
    assertThatThrownBy(() -> json("{\"" + key + "\": " + value + "}")).hasRootCauseMessage(message);
  }

  @Test
  void baseUrl_takesHttpAndHttps() {
    assertThat(json("{\"base_url\": \"http://a/v1\"}").baseUrl()).isEqualTo("http://a/v1");
    assertThat(json("{\"base_url\": \"https://a/v1\"}").baseUrl()).isEqualTo("https://a/v1");
  }

  @Test
  void baseUrls_areCheckedOneByOne() {
    assertThatThrownBy(() -> json("{\"base_url\": \"http://a\", \"base_urls\": [\"http://b\"]}"))
        .rootCause().hasMessageContaining("base_url and base_urls are both set");
    assertThatThrownBy(() -> json("{\"base_urls\": []}")).rootCause().hasMessageContaining("base_urls is empty");
    assertThatThrownBy(() -> json("{\"base_urls\": [\"http://a\", \" \"]}"))
        .hasRootCauseMessage("base_urls[1] is empty");
    assertThatThrownBy(() -> json("{\"base_urls\": [\"http://a\", \"a.example\"]}"))
        .hasRootCauseMessage("base_urls[1] must start with http:// or https://: a.example");
    assertThatThrownBy(() -> json("{\"base_urls\": [\"http://a/v1\", \"http://a/v1/\"]}"))
        .as("a trailing slash names the same server").hasRootCauseMessage("base_urls lists http://a/v1/ twice");
    ModelConfig two = json("{\"base_urls\": [\"http://a/v1\", \"https://b/v1\"]}");
    assertThat(two.endpointUrls()).containsExactly("http://a/v1", "https://b/v1");
    assertThat(json("{\"base_url\": \"http://a/v1\"}").endpointUrls()).containsExactly("http://a/v1");
  }

  @Test
  void startingAt_rotatesTheReplicas_soEachWorkerBeginsElsewhere() {
    ModelConfig three = json("{\"base_urls\": [\"http://a\", \"http://b\", \"http://c\"]}");
    assertThat(three.startingAt(0).baseUrls()).containsExactly("http://a", "http://b", "http://c");
    assertThat(three.startingAt(1).baseUrls()).containsExactly("http://b", "http://c", "http://a");
    assertThat(three.startingAt(5).baseUrls()).containsExactly("http://c", "http://a", "http://b");
    assertThat(three.startingAt(-1).baseUrls()).containsExactly("http://c", "http://a", "http://b");
    ModelConfig one = json("{\"base_urls\": [\"http://a\"]}");
    assertThat(one.startingAt(1)).isSameAs(one);
    ModelConfig single = json("{\"base_url\": \"http://a\"}");
    assertThat(single.startingAt(1)).isSameAs(single);
  }

  @Test
  void defaults_applyOnlyWhereNothingIsSet() {
    ModelConfig none = ModelConfig.EMPTY;
    assertThat(none.batchOrDefault()).isFalse();
    assertThat(none.batchMaxRequestsOrDefault()).isEqualTo(1_000);
    assertThat(none.batchPollSecondsOrDefault()).isEqualTo(30);
    assertThat(none.batchWindowOrDefault()).isEqualTo(2);
    assertThat(none.maxConcurrencyOrDefault()).isEqualTo(16);
    assertThat(none.timeoutSecondsOrDefault()).isEqualTo(120);
    assertThat(none.maxRetriesOrDefault()).isEqualTo(6);
    assertThat(none.maxRetryAfterSecondsOrDefault()).isEqualTo(120);
    assertThat(none.streamOrDefault()).isFalse();
    assertThat(none.stallTimeoutSecondsOrDefault()).isEqualTo(60);
    assertThat(none.maxRepairsOrDefault()).isEqualTo(2);
    assertThat(none.structuredOutputOrDefault()).isEqualTo(StructuredMode.AUTO);
    assertThat(none.adaptiveOrDefault()).isTrue();
    assertThat(none.promptCacheOrDefault()).isTrue();
    assertThat(none.priceOrFree()).isEqualTo(Price.FREE);
    assertThat(none.contextTokensOrDefault()).isEqualTo(ContextWindows.UNKNOWN);

    ModelConfig set = json("{\"batch\": true, \"batch_max_requests\": 7, \"batch_poll_seconds\": 0.25,"
        + " \"batch_window\": 0.5, \"max_concurrency\": 3, \"timeout_seconds\": 9, \"max_retries\": 0,"
        + " \"max_retry_after_seconds\": 4, \"stream\": true, \"stall_timeout_seconds\": 11, \"max_repairs\": 0,"
        + " \"structured_output\": \"tool\", \"adaptive_concurrency\": false, \"prompt_cache\": false,"
        + " \"price\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}, \"provider\": \"anthropic\"}");
    assertThat(set.batchOrDefault()).isTrue();
    assertThat(set.batchMaxRequestsOrDefault()).isEqualTo(7);
    assertThat(set.batchPollSecondsOrDefault()).isEqualTo(0.25);
    assertThat(set.batchWindowOrDefault()).isEqualTo(0.5);
    assertThat(set.maxConcurrencyOrDefault()).isEqualTo(3);
    assertThat(set.timeoutSecondsOrDefault()).isEqualTo(9);
    assertThat(set.maxRetriesOrDefault()).isZero();
    assertThat(set.maxRetryAfterSecondsOrDefault()).isEqualTo(4);
    assertThat(set.streamOrDefault()).isTrue();
    assertThat(set.stallTimeoutSecondsOrDefault()).isEqualTo(11);
    assertThat(set.maxRepairsOrDefault()).isZero();
    assertThat(set.structuredOutputOrDefault()).isEqualTo(StructuredMode.TOOL);
    assertThat(set.adaptiveOrDefault()).isFalse();
    assertThat(set.promptCacheOrDefault()).isFalse();
    assertThat(set.priceOrFree()).isEqualTo(new Price(1, 2));
    assertThat(set.contextTokensOrDefault()).as("an unknown model of Anthropic's").isEqualTo(200_000);
    assertThat(json("{\"batch\": false, \"stream\": false, \"adaptive_concurrency\": true, \"prompt_cache\": true}"))
        .satisfies(c -> {
          assertThat(c.batchOrDefault()).isFalse();
          assertThat(c.streamOrDefault()).isFalse();
          assertThat(c.adaptiveOrDefault()).isTrue();
          assertThat(c.promptCacheOrDefault()).isTrue();
        });
  }

  @Test
  void over_takesEachSettingFromTheRole_elseFromTheBase() {
    ModelConfig base = json("{\"provider\": \"openai\", \"base_url\": \"http://base/v1\", \"api_key\": \"k-base\","
        + " \"model\": \"m-base\", \"temperature\": 0.1, \"top_p\": 0.2, \"max_tokens\": 3, \"seed\": 4,"
        + " \"stop\": [\"x\"], \"max_concurrency\": 5, \"requests_per_minute\": 6, \"tokens_per_minute\": 7,"
        + " \"timeout_seconds\": 8, \"max_retries\": 9, \"max_repairs\": 10, \"structured_output\": \"tool\","
        + " \"adaptive_concurrency\": false, \"price\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2},"
        + " \"headers\": {\"A\": \"base\", \"B\": \"base\"}, \"extra_body\": {\"top_k\": 40, \"min_p\": 0.1},"
        + " \"simulator\": {\"seed\": 1}, \"max_retry_after_seconds\": 11, \"reasoning_effort\": \"low\","
        + " \"stream\": true, \"stall_timeout_seconds\": 12, \"prompt_cache\": false, \"batch\": true,"
        + " \"batch_max_requests\": 13, \"batch_poll_seconds\": 14, \"batch_window\": 15, \"context_tokens\": 16}");
    ModelConfig inherited = ModelConfig.EMPTY.over(base);
    assertThat(inherited).isEqualTo(base);

    ModelConfig role = json("{\"provider\": \"anthropic\", \"api_key\": \"k-role\", \"model\": \"m-role\","
        + " \"temperature\": 1.1, \"top_p\": 0.9, \"max_tokens\": 30, \"seed\": 40, \"stop\": [\"y\"],"
        + " \"max_concurrency\": 50, \"requests_per_minute\": 60, \"tokens_per_minute\": 70,"
        + " \"timeout_seconds\": 80, \"max_retries\": 90, \"max_repairs\": 100, \"structured_output\": \"prompt\","
        + " \"adaptive_concurrency\": true, \"price\": {\"input_per_mtok\": 3, \"output_per_mtok\": 4},"
        + " \"headers\": {\"B\": \"role\", \"C\": \"role\"}, \"extra_body\": {\"min_p\": 0.2},"
        + " \"simulator\": {\"seed\": 2}, \"max_retry_after_seconds\": 110, \"reasoning_effort\": \"high\","
        + " \"stream\": false, \"stall_timeout_seconds\": 120, \"prompt_cache\": true, \"batch\": false,"
        + " \"batch_max_requests\": 130, \"batch_poll_seconds\": 140, \"batch_window\": 150,"
        + " \"context_tokens\": 160}");
    ModelConfig layered = role.over(base);
    assertThat(Json.write(((ObjectNode) Json.tree(layered)).without(List.of("headers", "extra_body", "base_url"))))
        .isEqualTo(Json.write(((ObjectNode) Json.tree(role)).without(List.of("headers", "extra_body", "base_url"))));
    assertThat(layered.baseUrl()).as("the role sets no URL").isEqualTo("http://base/v1");
    assertThat(layered.headers()).as("headers merge, the role's win")
        .containsExactlyInAnyOrderEntriesOf(Map.of("A", "base", "B", "role", "C", "role"));
    assertThat(layered.extraBody()).containsExactlyInAnyOrderEntriesOf(Map.of("top_k", 40, "min_p", 0.2));
    assertThat(json("{\"headers\": {\"B\": \"role\"}}").over(json("{}")).headers()).containsOnlyKeys("B");
  }

  @Test
  void over_aRoleWithEitherUrlSettingReplacesBoth() {
    ModelConfig one = json("{\"base_url\": \"http://one/v1\"}");
    ModelConfig many = json("{\"base_urls\": [\"http://a/v1\", \"http://b/v1\"]}");
    ModelConfig roleOne = one.over(many);
    assertThat(roleOne.baseUrl()).isEqualTo("http://one/v1");
    assertThat(roleOne.baseUrls()).isNull();
    ModelConfig roleMany = many.over(one);
    assertThat(roleMany.baseUrl()).isNull();
    assertThat(roleMany.baseUrls()).containsExactly("http://a/v1", "http://b/v1");
    assertThat(ModelConfig.EMPTY.over(many).baseUrls()).containsExactly("http://a/v1", "http://b/v1");
  }

  @Test
  void withers_changeOneSetting_andKeepTheRest() {
    ModelConfig c = json("{\"provider\": \"openai\", \"base_urls\": [\"http://a/v1\", \"http://b/v1\"],"
        + " \"api_key\": \"k\", \"model\": \"m\", \"max_tokens\": 7, \"batch\": true, \"context_tokens\": 99,"
        + " \"simulator\": {\"seed\": 1}}");
    ModelConfig key = c.withApiKey("k2");
    assertThat(key.apiKey()).isEqualTo("k2");
    assertThat(key.withApiKey("k")).isEqualTo(c);
    assertThat(c.withModel("m2").model()).isEqualTo("m2");
    assertThat(c.withModel("m2").withModel("m")).isEqualTo(c);
    assertThat(c.withSimulator(null).simulator()).isNull();
    assertThat(c.withSimulator(null).withSimulator(c.simulator())).isEqualTo(c);
    assertThat(c.withBaseUrls(List.of("http://b/v1", "http://a/v1")).withBaseUrls(c.baseUrls())).isEqualTo(c);
    ModelConfig direct = c.withEndpoint(ProviderKind.ANTHROPIC, "http://other");
    assertThat(direct.provider()).isEqualTo(ProviderKind.ANTHROPIC);
    assertThat(direct.baseUrl()).isEqualTo("http://other");
    assertThat(direct.baseUrls()).as("one endpoint: the replicas go").isNull();
    assertThat(direct.withEndpoint(ProviderKind.OPENAI, null).withBaseUrls(c.baseUrls())).isEqualTo(c);
  }

  @Test
  void builder_setsWhatItNames() {
    ModelConfig c = ModelConfig.openAi("http://h/v1", "m").apiKey("k").temperature(0.3).topP(0.4).maxTokens(5)
        .maxConcurrency(6).requestsPerMinute(7).tokensPerMinute(8).timeoutSeconds(9).maxRetries(1)
        .structuredOutput(StructuredMode.JSON_OBJECT).price(1, 2).maxRetryAfterSeconds(3).reasoningEffort("low")
        .stream(true).stallTimeoutSeconds(4).contextTokens(1000).promptCache(false).build();
    assertThat(c).isEqualTo(json("{\"provider\": \"openai\", \"base_url\": \"http://h/v1\", \"api_key\": \"k\","
        + " \"model\": \"m\", \"temperature\": 0.3, \"top_p\": 0.4, \"max_tokens\": 5, \"max_concurrency\": 6,"
        + " \"requests_per_minute\": 7, \"tokens_per_minute\": 8, \"timeout_seconds\": 9, \"max_retries\": 1,"
        + " \"structured_output\": \"json_object\", \"price\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2},"
        + " \"max_retry_after_seconds\": 3, \"reasoning_effort\": \"low\", \"stream\": true,"
        + " \"stall_timeout_seconds\": 4, \"context_tokens\": 1000, \"prompt_cache\": false}"));
    assertThat(c.sampling().temperature()).isEqualTo(0.3);
    assertThat(c.sampling().topP()).isEqualTo(0.4);
    assertThat(c.sampling().maxTokens()).isEqualTo(5);
    ModelConfig a = ModelConfig.anthropic("claude-x", "sk-ant").baseUrls(List.of("http://a", "http://b")).build();
    assertThat(a.provider()).isEqualTo(ProviderKind.ANTHROPIC);
    assertThat(a.apiKey()).isEqualTo("sk-ant");
    assertThat(a.baseUrl()).isNull();
    assertThat(a.baseUrls()).containsExactly("http://a", "http://b");
    assertThat(ModelConfig.simulated().build().provider()).isEqualTo(ProviderKind.SIMULATED);
  }

  @Test
  void enums_readTheirWireNames_andNameTheChoicesOtherwise() {
    for (StructuredMode m : StructuredMode.values()) {
      assertThat(StructuredMode.parse(m.wire())).isEqualTo(m);
    }
    assertThat(StructuredMode.JSON_SCHEMA.wire()).isEqualTo("json_schema");
    assertThatThrownBy(() -> StructuredMode.parse("JSON_SCHEMA"))
        .hasMessage("must be one of auto, json_schema, tool, json_object, prompt: JSON_SCHEMA");
    for (ProviderKind k : ProviderKind.values()) {
      assertThat(ProviderKind.parse(k.wire())).isEqualTo(k);
    }
    assertThatThrownBy(() -> ProviderKind.parse("azure")).hasMessage("must be one of openai, anthropic, simulated: azure");
  }
}
