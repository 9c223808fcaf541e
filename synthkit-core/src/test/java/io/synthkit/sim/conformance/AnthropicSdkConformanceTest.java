package io.synthkit.sim.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.StructuredMessage;
import com.anthropic.models.messages.SystemMessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolChoiceAuto;
import com.anthropic.models.messages.ToolChoiceNone;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's Anthropic contract: the official anthropic-java SDK, over real HTTP, with response validation on,
 * must accept every reply (messages, streams with text and tool-input deltas, structured output, token counts,
 * models) and map every error to its typed exception. Requests the SDK cannot even build (no max_tokens, no version
 * header) are sent as raw HTTP. One simulator serves the whole class.
 */
class AnthropicSdkConformanceTest {

  static final String KEY = "sk-ant-conformance";
  static final String MODEL = "claude-sonnet-4-5";

  static Simulator sim;
  static AnthropicClient client;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Scripted failures: a user message "fail with NNN" gets that status in Anthropic's shape. */
  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of(KEY)).withModels(List.of(MODEL)), req -> {
      String last = req.lastUser();
      if (last.startsWith("fail with ")) {
        int status = Integer.parseInt(last.substring(10, 13));
        return SimResponse.error(status, status == 429 ? 7 : null);
      }
      return null;
    });
    client = client(KEY);
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  static AnthropicClient client(String key) {
    return AnthropicOkHttpClient.builder().baseUrl(sim.rootUrl()).apiKey(key).maxRetries(0).responseValidation(true)
        .build();
  }

  static MessageCreateParams.Builder message(String user) {
    return MessageCreateParams.builder().model(MODEL).maxTokens(512).system("You are terse.").addUserMessage(user);
  }

  record Weather(String city, long temperature, boolean sunny) {}

  static Tool tool(String name) {
    return Tool.builder().name(name).description("Look up " + name).inputSchema(Tool.InputSchema.builder()
        .properties(Tool.InputSchema.Properties.builder()
            .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
            .putAdditionalProperty("days", JsonValue.from(Map.of("type", "integer"))).build())
        .required(List.of("city", "days")).build()).build();
  }

  static ToolUseBlock onlyToolUse(Message m) {
    List<ToolUseBlock> uses = m.content().stream().filter(ContentBlock::isToolUse).map(ContentBlock::asToolUse)
        .toList();
    assertThat(uses).hasSize(1);
    return uses.get(0);
  }

  static JsonNode input(ToolUseBlock b) {
    return Json.tree(b._input().convert(Map.class));
  }

  // --- messages ---

  @Test
  void message_plainWithSystemValidatesAndIsMarkedSimulated() {
    HttpResponseFor<Message> raw = client.messages().withRawResponse().create(message("Hello").build());
    assertThat(raw.headers().values("X-Synthkit-Simulated")).containsExactly("true");
    Message m = raw.parse().validate();
    assertThat(m.model().asString()).isEqualTo(MODEL);
    assertThat(m.content()).singleElement().satisfies(b -> assertThat(b.asText().text()).isNotBlank());
    assertThat(m.stopReason()).contains(StopReason.END_TURN);
    assertThat(m.usage().inputTokens()).isPositive();
    assertThat(m.usage().outputTokens()).isPositive();
  }

  @Test
  void message_maxTokensCutsTheReplyWithStopReasonMaxTokens() {
    Message m = client.messages().create(message("Write an essay").maxTokens(4).build());
    assertThat(m.stopReason()).contains(StopReason.MAX_TOKENS);
    assertThat(m.usage().outputTokens()).isBetween(1L, 4L);
  }

  @Test
  void structuredOutput_outputConfigBindsToTheRecord() {
    StructuredMessage<Weather> m = client.messages().create(message("Weather in Rome?").outputConfig(Weather.class)
        .build());
    Weather w = m.content().get(0).text().orElseThrow().text();
    assertThat(w.city()).isNotBlank();
  }

  @Test
  void countTokens_matchesTheInputTokensOfTheSameMessage() {
    Message m = client.messages().create(message("Count these words").addTool(tool("get_weather"))
        .toolChoice(ToolChoiceNone.builder().build()).build());
    long counted = client.messages().countTokens(MessageCountTokensParams.builder().model(MODEL)
        .system("You are terse.").addUserMessage("Count these words").addTool(tool("get_weather")).build())
        .validate().inputTokens();
    assertThat(counted).isEqualTo(m.usage().inputTokens());
  }

  @Test
  void models_listAndRetrieve() {
    assertThat(client.models().list().data()).extracting(ModelInfo::id).containsExactly(MODEL);
    assertThat(client.models().retrieve(MODEL).validate().id()).isEqualTo(MODEL);
    assertThatThrownBy(() -> client.models().retrieve("claude-nonexistent")).isInstanceOf(NotFoundException.class);
  }

  // --- tools ---

  @Test
  void toolChoiceAuto_callsTheOnlyToolWithSchemaValidInput() {
    Message m = client.messages().create(message("Weather in Oslo").addTool(tool("get_weather"))
        .toolChoice(ToolChoiceAuto.builder().build()).build());
    ToolUseBlock use = onlyToolUse(m);
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(input(use).path("city").isTextual()).isTrue();
    assertThat(input(use).path("days").isIntegralNumber()).isTrue();
    assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
  }

  @Test
  void toolChoiceAny_callsOneOfTheGivenTools() {
    Message m = client.messages().create(message("Anything").addTool(tool("get_weather")).addTool(tool("get_tides"))
        .toolChoice(ToolChoiceAny.builder().build()).build());
    assertThat(onlyToolUse(m).name()).isIn("get_weather", "get_tides");
  }

  @Test
  void toolChoiceTool_callsThatTool() {
    Message m = client.messages().create(message("Anything").addTool(tool("get_weather")).addTool(tool("get_tides"))
        .toolChoice(ToolChoiceTool.builder().name("get_tides").build()).build());
    assertThat(onlyToolUse(m).name()).isEqualTo("get_tides");
  }

  @Test
  void toolChoiceNone_neverCallsATool() {
    Message m = client.messages().create(message("get_weather in Oslo").addTool(tool("get_weather"))
        .toolChoice(ToolChoiceNone.builder().build()).build());
    assertThat(m.content()).noneMatch(ContentBlock::isToolUse);
    assertThat(m.stopReason()).contains(StopReason.END_TURN);
  }

  @Test
  void toolChoiceTool_forAToolNotGivenIsA400() {
    assertThatThrownBy(() -> client.messages().create(message("x").addTool(tool("get_weather"))
        .toolChoice(ToolChoiceTool.builder().name("launch_rockets").build()).build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("launch_rockets");
  }

  // --- prompt caching ---

  /** About 2,000 tokens of instructions, distinct per test so that tests never share a cached prefix. */
  static String longInstructions(String tag) {
    StringBuilder sb = new StringBuilder("Instructions for " + tag + ".\n");
    for (int i = 0; i < 200; i++) {
      sb.append("Rule ").append(i).append(": answer in plain words and keep it short.\n");
    }
    return sb.toString();
  }

  static MessageCreateParams.Builder cachedSystem(String system, String user) {
    return MessageCreateParams.builder().model(MODEL).maxTokens(256).systemOfTextBlockParams(List.of(
        TextBlockParam.builder().text(system).cacheControl(CacheControlEphemeral.builder().build()).build()))
        .addUserMessage(user);
  }

  static long total(Usage u) {
    return u.inputTokens() + u.cacheReadInputTokens().orElseThrow() + u.cacheCreationInputTokens().orElseThrow();
  }

  @Test
  void promptCaching_aMarkedPrefixIsWrittenOnceThenRead_inputTokensCountOnlyTheRest() {
    String system = longInstructions("anthropic-marked");
    Usage first = client.messages().create(cachedSystem(system, "Item one").build()).usage();
    Usage second = client.messages().create(cachedSystem(system, "Item two").build()).usage();
    assertThat(first.cacheCreationInputTokens()).hasValueSatisfying(w -> assertThat(w).isGreaterThanOrEqualTo(1024L));
    assertThat(first.cacheReadInputTokens()).contains(0L);
    assertThat(second.cacheReadInputTokens()).isEqualTo(first.cacheCreationInputTokens());
    assertThat(second.cacheCreationInputTokens()).contains(0L);
    long counted = client.messages().countTokens(MessageCountTokensParams.builder().model(MODEL)
        .systemOfTextBlockParams(List.of(TextBlockParam.builder().text(system).build())).addUserMessage("Item two")
        .build()).inputTokens();
    assertThat(total(second)).isEqualTo(counted);
    assertThat(second.inputTokens()).isLessThan(32L);
  }

  @Test
  void promptCaching_unmarkedOrShortPrefixesAreNeverCached() {
    String system = longInstructions("anthropic-unmarked");
    for (int i = 0; i < 2; i++) {
      Usage plain = client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(256).system(system)
          .addUserMessage("Item " + i).build()).usage();
      assertThat(plain.cacheReadInputTokens()).contains(0L);
      assertThat(plain.cacheCreationInputTokens()).contains(0L);
      Usage shortMarked = client.messages().create(cachedSystem("Be terse.", "Item " + i).build()).usage();
      assertThat(shortMarked.cacheReadInputTokens()).contains(0L);
      assertThat(shortMarked.cacheCreationInputTokens()).contains(0L);
    }
  }

  @Test
  void promptCaching_moreThanFourBreakpointsIsA400() {
    TextBlockParam marked = TextBlockParam.builder().text("Part").cacheControl(CacheControlEphemeral.builder().build())
        .build();
    assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(64)
        .systemOfTextBlockParams(List.of(marked, marked, marked, marked, marked)).addUserMessage("Hi").build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("A maximum of 4 blocks with cache_control");
  }

  @Test
  void promptCaching_theStreamsMessageStartCarriesTheCacheUsage() {
    String system = longInstructions("anthropic-stream");
    client.messages().create(cachedSystem(system, "Warm the cache").build());
    MessageAccumulator acc = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(
        cachedSystem(system, "Now stream").build())) {
      s.stream().forEach(e -> acc.accumulate(e.validate()));
    }
    Usage u = acc.message().usage();
    assertThat(u.cacheReadInputTokens()).hasValueSatisfying(r -> assertThat(r).isGreaterThanOrEqualTo(1024L));
    assertThat(u.cacheCreationInputTokens()).contains(0L);
  }

  // --- streaming ---

  @Test
  void streaming_textAccumulatesToAValidMessage() {
    MessageAccumulator acc = MessageAccumulator.create();
    List<RawMessageStreamEvent> events;
    try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(message("Stream this").build())) {
      events = s.stream().peek(e -> acc.accumulate(e.validate())).toList();
    }
    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(1).isContentBlockStart()).isTrue();
    assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count()).isGreaterThan(1);
    assertThat(events.get(events.size() - 2).isMessageDelta()).isTrue();
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    Message m = acc.message().validate();
    assertThat(m.content().get(0).asText().text()).isNotBlank();
    assertThat(m.stopReason()).contains(StopReason.END_TURN);
    assertThat(m.usage().outputTokens()).isPositive();
  }

  @Test
  void streaming_toolInputArrivesAsInputJsonDeltas() {
    MessageAccumulator acc = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(message("Oslo")
        .addTool(tool("get_weather")).toolChoice(ToolChoiceAny.builder().build()).build())) {
      s.stream().forEach(e -> {
        if (e.isContentBlockDelta()) {
          assertThat(e.asContentBlockDelta().delta().isInputJson()).isTrue();
        }
        acc.accumulate(e);
      });
    }
    ToolUseBlock use = onlyToolUse(acc.message());
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(input(use).has("city")).isTrue();
    assertThat(acc.message().stopReason()).contains(StopReason.TOOL_USE);
  }

  // --- errors ---

  @Test
  void errors_systemRoleInsideMessagesIsA400() {
    assertThatThrownBy(() -> client.messages().create(message("hi")
        .addMessage(SystemMessageParam.builder().content("be nice").build()).build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("top-level `system` parameter");
  }

  @Test
  void errors_temperatureAboveOneIsA400NamingIt() {
    assertThatThrownBy(() -> client.messages().create(message("hi")
        .putAdditionalBodyProperty("temperature", JsonValue.from(1.5)).build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("temperature: Input should be less than or equal"
            + " to 1");
  }

  @Test
  void errors_missingMaxTokensAndMissingVersionHeaderAre400s() throws Exception {
    JsonNode noMax = post("{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
        true);
    assertThat(noMax.path("type").asText()).isEqualTo("error");
    assertThat(noMax.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(noMax.path("error").path("message").asText()).isEqualTo("max_tokens: Field required");
    JsonNode noVersion = post("{\"model\": \"" + MODEL + "\", \"max_tokens\": 10, \"messages\": [{\"role\": \"user\","
        + " \"content\": \"hi\"}]}", false);
    assertThat(noVersion.path("error").path("message").asText()).contains("anthropic-version");
  }

  static JsonNode post(String body, boolean version) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.rootUrl() + "/v1/messages"))
        .header("x-api-key", KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (version) {
      b.header("anthropic-version", "2023-06-01");
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("X-Synthkit-Simulated")).contains("true");
    return Json.parse(r.body());
  }

  @Test
  void errors_wrongKeyIsUnauthorizedWithAuthenticationError() {
    AnthropicClient wrong = client("sk-ant-wrong");
    try {
      assertThatThrownBy(() -> wrong.messages().create(message("x").build()))
          .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(errorType(e))
              .isEqualTo("authentication_error"));
    } finally {
      wrong.close();
    }
  }

  @Test
  void errors_unknownModelIsNotFound() {
    assertThatThrownBy(() -> client.messages().create(message("x").model("claude-nonexistent").build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(errorType(e)).isEqualTo("not_found_error"));
  }

  @Test
  void errors_rateLimitOverloadedAndServerErrorsMapToTheirExceptions() {
    assertThatThrownBy(() -> client.messages().create(message("fail with 429").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(errorType(e)).isEqualTo("rate_limit_error");
          assertThat(e.headers().values("anthropic-ratelimit-requests-remaining")).containsExactly("0");
          assertThat(e.headers().values("Retry-After")).containsExactly("7");
        });
    assertThatThrownBy(() -> client.messages().create(message("fail with 529").build()))
        .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(errorType(e)).isEqualTo("overloaded_error"));
    for (int status : new int[] {500, 503}) {
      assertThatThrownBy(() -> client.messages().create(message("fail with " + status).build()))
          .isInstanceOfSatisfying(InternalServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(errorType(e)).isEqualTo("api_error");
          });
    }
  }

  static String errorType(AnthropicServiceException e) {
    return Json.tree(e.body().convert(Map.class)).path("error").path("type").asText();
  }
}
