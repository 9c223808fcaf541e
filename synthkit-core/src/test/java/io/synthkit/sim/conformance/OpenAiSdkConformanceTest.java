package io.synthkit.sim.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.models.Model;
import io.synthkit.json.Json;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's OpenAI contract: the official openai-java SDK, over real HTTP, with response validation on, must
 * accept every reply and map every error to its typed exception. One simulator serves the whole class; it accepts one
 * key and a fixed model list so that 401 and 404 can be checked too.
 */
class OpenAiSdkConformanceTest {

  static final String KEY = "sk-conformance";
  static final String CHAT = "gpt-4o-mini";
  static final String REASONING = "o4-mini";
  static final String EMBED = "text-embedding-3-small";
  static final List<String> MODELS = List.of(CHAT, REASONING, EMBED, "llama3.1:8b", "no-json-schema/gpt-4");

  static Simulator sim;
  static OpenAIClient client;

  /** Scripted failures: a user message "fail with NNN" gets that status in OpenAI's shape. */
  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of(KEY)).withModels(MODELS), req -> {
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

  static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl()).apiKey(key).maxRetries(0).responseValidation(true)
        .build();
  }

  static ChatCompletionCreateParams.Builder chat(String user) {
    return ChatCompletionCreateParams.builder().model(CHAT).addSystemMessage("You are terse.").addUserMessage(user);
  }

  record Weather(String city, long temperature, boolean sunny) {}

  static FunctionParameters objectSchema(Map<String, Object> properties, List<String> required) {
    return FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
        .putAdditionalProperty("properties", JsonValue.from(properties))
        .putAdditionalProperty("required", JsonValue.from(required))
        .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build();
  }

  static ChatCompletionFunctionTool tool(String name) {
    return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(name)
        .description("Look up " + name).strict(true)
        .parameters(objectSchema(Map.of("city", Map.of("type", "string"), "days", Map.of("type", "integer")),
            List.of("city", "days"))).build()).build();
  }

  static ChatCompletionMessageToolCall onlyCall(ChatCompletion c) {
    List<ChatCompletionMessageToolCall> calls = c.choices().get(0).message().toolCalls().orElse(List.of());
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  // --- chat ---

  @Test
  void chat_plainReplyValidatesAndIsMarkedSimulated() {
    HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(chat("Hello").build());
    assertThat(raw.headers().values("X-Synthkit-Simulated")).containsExactly("true");
    ChatCompletion c = raw.parse().validate();
    assertThat(c.model()).isEqualTo(CHAT);
    assertThat(c.choices()).hasSize(1);
    assertThat(c.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    var usage = c.usage().orElseThrow();
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(0L);
  }

  @Test
  void chat_nReturnsNDistinctChoicesAndCountsAllTheirTokens() {
    ChatCompletion c = client.chat().completions().create(chat("Three ideas").n(3).build());
    assertThat(c.choices()).extracting(ch -> ch.index()).containsExactly(0L, 1L, 2L);
    assertThat(c.choices().stream().map(ch -> ch.message().content().orElseThrow()).distinct()).hasSize(3);
  }

  @Test
  void chat_maxCompletionTokensCutsTheReplyWithFinishReasonLength() {
    ChatCompletion c = client.chat().completions().create(chat("Write an essay").maxCompletionTokens(5).build());
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(c.usage().orElseThrow().completionTokens()).isBetween(1L, 5L);
  }

  @Test
  void jsonSchema_structuredOutputBindsToTheRecord() {
    StructuredChatCompletion<Weather> c = client.chat().completions().create(chat("Weather in Paris?")
        .responseFormat(Weather.class).build());
    Weather w = c.choices().get(0).message().content().orElseThrow();
    assertThat(w.city()).isNotBlank();
  }

  @Test
  void jsonSchema_strictSchemaWithoutAdditionalPropertiesFalseIsA400() {
    ResponseFormatJsonSchema loose = ResponseFormatJsonSchema.builder().jsonSchema(
        ResponseFormatJsonSchema.JsonSchema.builder().name("loose").strict(true)
            .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("a", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("a"))).build()).build()).build();
    assertThatThrownBy(() -> client.chat().completions().create(chat("x").responseFormat(loose).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("response_format");
          assertThat(e.getMessage()).contains("'additionalProperties' is required to be supplied and to be false");
        });
  }

  @Test
  void jsonObject_returnsAnObjectAndNeedsTheWordJson() {
    ChatCompletion c = client.chat().completions().create(chat("Answer in JSON please.")
        .responseFormat(ResponseFormatJsonObject.builder().build()).build());
    assertThat(Json.parse(c.choices().get(0).message().content().orElseThrow()).isObject()).isTrue();
    assertThatThrownBy(() -> client.chat().completions().create(chat("Answer please.")
        .responseFormat(ResponseFormatJsonObject.builder().build()).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("messages"));
  }

  @Test
  void noJsonSchemaProfile_rejectsJsonSchemaResponseFormat() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("Weather?").model("no-json-schema/gpt-4")
        .responseFormat(Weather.class).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("response_format"));
  }

  @Test
  void ollamaProfile_ignoresN() {
    ChatCompletion c = client.chat().completions().create(chat("hi").model("llama3.1:8b").n(3).build());
    assertThat(c.choices()).hasSize(1);
  }

  // --- tools ---

  @Test
  void toolChoiceNone_neverCallsATool() {
    ChatCompletion c = client.chat().completions().create(chat("get_weather for Oslo").addTool(tool("get_weather"))
        .toolChoice(ChatCompletionToolChoiceOption.Auto.NONE).build());
    assertThat(c.choices().get(0).message().toolCalls().orElse(List.of())).isEmpty();
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
  }

  @Test
  void toolChoiceAuto_callsTheOnlyToolWithSchemaValidArguments() {
    ChatCompletion c = client.chat().completions().create(chat("Oslo weather").addTool(tool("get_weather"))
        .toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO).build());
    var call = onlyCall(c).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    var args = Json.parse(call.function().arguments());
    assertThat(args.path("city").isTextual()).isTrue();
    assertThat(args.path("days").isIntegralNumber()).isTrue();
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
  }

  @Test
  void toolChoiceAuto_amongSeveralToolsAnswersWithTextUnlessOneIsNamed() {
    var params = chat("Tell me something").addTool(tool("get_weather")).addTool(tool("get_tides"));
    ChatCompletion text = client.chat().completions().create(params.build());
    assertThat(text.choices().get(0).message().toolCalls().orElse(List.of())).isEmpty();
    ChatCompletion named = client.chat().completions().create(chat("Use get_tides for Brest")
        .addTool(tool("get_weather")).addTool(tool("get_tides")).build());
    assertThat(onlyCall(named).asFunction().function().name()).isEqualTo("get_tides");
  }

  @Test
  void toolChoiceRequired_callsOneOfTheGivenTools() {
    ChatCompletion c = client.chat().completions().create(chat("Anything").addTool(tool("get_weather"))
        .addTool(tool("get_tides")).toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build());
    assertThat(onlyCall(c).asFunction().function().name()).isIn("get_weather", "get_tides");
  }

  @Test
  void namedToolChoice_callsThatFunctionAndFinishesWithStop() {
    ChatCompletion c = client.chat().completions().create(chat("Anything").addTool(tool("get_weather"))
        .addTool(tool("get_tides")).toolChoice(named("get_tides")).build());
    assertThat(onlyCall(c).asFunction().function().name()).isEqualTo("get_tides");
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
  }

  @Test
  void namedToolChoice_forAToolNotGivenIsA400() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("x").addTool(tool("get_weather"))
        .toolChoice(named("launch_rockets")).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("tool_choice"));
  }

  static ChatCompletionNamedToolChoice named(String name) {
    return ChatCompletionNamedToolChoice.builder()
        .function(ChatCompletionNamedToolChoice.Function.builder().name(name).build()).build();
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

  static long cached(ChatCompletion c) {
    return c.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
  }

  @Test
  void promptCaching_aRepeatedLongPrefixIsReportedAsCachedTokensIn128TokenSteps() {
    String system = longInstructions("openai-repeat");
    ChatCompletion first = client.chat().completions().create(ChatCompletionCreateParams.builder().model(CHAT)
        .addSystemMessage(system).addUserMessage("Item one").build());
    ChatCompletion second = client.chat().completions().create(ChatCompletionCreateParams.builder().model(CHAT)
        .addSystemMessage(system).addUserMessage("Item two, which differs").build());
    assertThat(cached(first)).isZero();
    long prompt = second.usage().orElseThrow().promptTokens();
    assertThat(cached(second)).isGreaterThanOrEqualTo(1024L).isLessThanOrEqualTo(prompt);
    assertThat(cached(second) % 128).isZero();
    // Everything but the differing user message came from the cache: the uncached rest is less than one step + tail.
    assertThat(prompt - cached(second)).isLessThan(128L + 32L);
  }

  @Test
  void promptCaching_shortPromptsAndVaryingFirstMessagesAreNotCached() {
    String system = longInstructions("openai-varying");
    client.chat().completions().create(chat("Short and repeated").build());
    assertThat(cached(client.chat().completions().create(chat("Short and repeated").build()))).isZero();
    client.chat().completions().create(ChatCompletionCreateParams.builder().model(CHAT)
        .addUserMessage("Item A first").addSystemMessage(system).build());
    ChatCompletion varyingFirst = client.chat().completions().create(ChatCompletionCreateParams.builder().model(CHAT)
        .addUserMessage("Item B first").addSystemMessage(system).build());
    assertThat(cached(varyingFirst)).isZero();
  }

  @Test
  void promptCaching_theStreamsFinalUsageChunkCarriesCachedTokens() {
    String system = longInstructions("openai-stream");
    client.chat().completions().create(ChatCompletionCreateParams.builder().model(CHAT).addSystemMessage(system)
        .addUserMessage("Warm the cache").build());
    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
        ChatCompletionCreateParams.builder().model(CHAT).addSystemMessage(system).addUserMessage("Now stream")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      chunks = s.stream().map(ChatCompletionChunk::validate).toList();
    }
    var usage = chunks.get(chunks.size() - 1).usage().orElseThrow();
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow())
        .isGreaterThanOrEqualTo(1024L).isLessThanOrEqualTo(usage.promptTokens());
  }

  // --- streaming ---

  @Test
  void streaming_accumulatesToTheSameShapeAndEndsWithUsage() {
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(chat("Stream this")
        .n(2).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      chunks = s.stream().peek(ch -> acc.accumulate(ch.validate())).toList();
    }
    assertThat(chunks.size()).isGreaterThan(4);
    assertThat(chunks.get(0).choices().get(0).delta().role()).isPresent();
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(ch -> assertThat(ch.usage()).isEmpty());
    ChatCompletion whole = acc.chatCompletion().validate();
    assertThat(whole.choices()).hasSize(2).allSatisfy(ch -> {
      assertThat(ch.message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
      assertThat(ch.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    });
    assertThat(whole.usage().orElseThrow().completionTokens()).isPositive();
  }

  @Test
  void streaming_toolCallArgumentsArriveAsDeltas() {
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(chat("Oslo")
        .addTool(tool("get_weather")).toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build())) {
      s.stream().forEach(acc::accumulate);
    }
    var call = onlyCall(acc.chatCompletion()).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(Json.parse(call.function().arguments()).has("city")).isTrue();
  }

  // --- reasoning profile ---

  @Test
  void reasoningModel_rejectsMaxTokensWithOpenAisMessage() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").model(REASONING).maxTokens(100L).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("max_tokens");
          assertThat(e.code()).contains("unsupported_parameter");
          assertThat(e.getMessage()).contains("Unsupported parameter: 'max_tokens' is not supported with this model."
              + " Use 'max_completion_tokens' instead.");
        });
  }

  @Test
  void reasoningModel_rejectsNonDefaultTemperatureAndTopP() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").model(REASONING).temperature(0.5).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("temperature");
          assertThat(e.code()).contains("unsupported_value");
        });
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").model(REASONING).topP(0.9).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("top_p");
          assertThat(e.code()).contains("unsupported_value");
        });
    // The defaults are accepted.
    assertThat(client.chat().completions().create(chat("hi").model(REASONING).temperature(1.0).topP(1.0).build())
        .choices()).hasSize(1);
  }

  @Test
  void reasoningModel_reportsReasoningTokensInsideTheLimit() {
    ChatCompletion c = client.chat().completions().create(chat("Think about it").model(REASONING)
        .maxCompletionTokens(2000L).reasoningEffort(ReasoningEffort.HIGH).build());
    var usage = c.usage().orElseThrow();
    long reasoning = usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow();
    assertThat(reasoning).isPositive().isLessThan(usage.completionTokens());
    assertThat(usage.completionTokens()).isLessThanOrEqualTo(2000L);
    ChatCompletion tight = client.chat().completions().create(chat("Think about it").model(REASONING)
        .maxCompletionTokens(16L).build());
    assertThat(tight.usage().orElseThrow().completionTokens()).isLessThanOrEqualTo(16L);
    assertThat(tight.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
  }

  // --- embeddings ---

  @Test
  void embeddings_base64DecodesToTheSameVectorsAsFloat() {
    EmbeddingCreateParams.Builder p = EmbeddingCreateParams.builder().model(EMBED)
        .inputOfArrayOfStrings(List.of("red apples", "green pears"));
    CreateEmbeddingResponse floats = client.embeddings().create(p.encodingFormat(EmbeddingCreateParams.EncodingFormat
        .FLOAT).build());
    CreateEmbeddingResponse base64 = client.embeddings().create(p.encodingFormat(EmbeddingCreateParams.EncodingFormat
        .BASE64).build());
    assertThat(floats.data().get(0).embeddingValue().isFloats()).isTrue();
    assertThat(base64.data().get(0).embeddingValue().isBase64()).isTrue();
    for (int i = 0; i < 2; i++) {
      assertThat(base64.data().get(i).embedding()).isEqualTo(floats.data().get(i).embedding());
    }
    assertThat(floats.usage().promptTokens()).isPositive();
  }

  @Test
  void embeddings_dimensionsShortenTheVectorToUnitLength() {
    CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder().model(EMBED)
        .input("red apples and green pears").dimensions(64L).build());
    List<Float> v = r.data().get(0).embedding();
    assertThat(v).hasSize(64);
    assertThat(Math.sqrt(v.stream().mapToDouble(f -> f * f).sum())).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-5));
  }

  // --- models, files, fine-tuning ---

  @Test
  void models_listAndRetrieve() {
    assertThat(client.models().list().data()).extracting(Model::id).containsAll(MODELS);
    assertThat(client.models().retrieve(CHAT).validate().id()).isEqualTo(CHAT);
    assertThatThrownBy(() -> client.models().retrieve("gpt-nonexistent")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void filesAndFineTuning_fullLoopThroughTheSdk() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      lines.append("{\"messages\": [{\"role\": \"user\", \"content\": \"q").append(i)
          .append("\"}, {\"role\": \"assistant\", \"content\": \"a").append(i).append("\"}]}\n");
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    FileObject file = client.files().create(FileCreateParams.builder().file(bytes).purpose(FilePurpose.FINE_TUNE)
        .build()).validate();
    assertThat(file.bytes()).isEqualTo(bytes.length);
    assertThat(client.files().list().data()).extracting(FileObject::id).contains(file.id());
    assertThat(client.files().retrieve(file.id()).purpose()).isEqualTo(FileObject.Purpose.FINE_TUNE);
    try (var content = client.files().content(file.id())) {
      assertThat(content.body().readAllBytes()).isEqualTo(bytes);
    }
    FineTuningJob job = client.fineTuning().jobs().create(JobCreateParams.builder().model(CHAT)
        .trainingFile(file.id()).suffix("conf").build()).validate();
    FineTuningJob polled = job;
    for (int i = 0; i < 5 && polled.status() != FineTuningJob.Status.SUCCEEDED; i++) {
      polled = client.fineTuning().jobs().retrieve(job.id()).validate();
    }
    assertThat(polled.status()).isEqualTo(FineTuningJob.Status.SUCCEEDED);
    String tuned = polled.fineTunedModel().orElseThrow();
    assertThat(client.fineTuning().jobs().list().data()).extracting(FineTuningJob::id).contains(job.id());
    List<FineTuningJobEvent> events = client.fineTuning().jobs().listEvents(job.id()).data();
    assertThat(events).hasSizeGreaterThanOrEqualTo(4).allSatisfy(FineTuningJobEvent::validate);
    assertThat(events.get(0).message()).contains("successfully completed");
    assertThat(client.models().list().data()).extracting(Model::id).contains(tuned);
    assertThat(client.chat().completions().create(chat("hi").model(tuned).build()).model()).isEqualTo(tuned);
  }

  @Test
  void fineTuning_aTrainingFileWithTooFewExamplesIsA400NamingTheFile() {
    FileObject file = client.files().create(FileCreateParams.builder()
        .file("{\"messages\": []}\n".getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.FINE_TUNE).build());
    assertThatThrownBy(() -> client.fineTuning().jobs().create(JobCreateParams.builder().model(CHAT)
        .trainingFile(file.id()).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("training_file"));
  }

  // --- errors ---

  @Test
  void errors_badParametersAre400sNamingTheParameter() {
    Map<String, ChatCompletionCreateParams> cases = Map.of(
        "temperature", chat("x").temperature(3.0).build(),
        "top_p", chat("x").topP(1.5).build(),
        "n", chat("x").n(129).build(),
        "messages", ChatCompletionCreateParams.builder().model(CHAT).messages(List.of()).build(),
        "max_completion_tokens", chat("x").maxCompletionTokens(0L).build());
    Map<String, Optional<String>> params = cases.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> {
          try {
            client.chat().completions().create(e.getValue());
            return Optional.of("accepted");
          } catch (BadRequestException ex) {
            assertThat(ex.type()).contains("invalid_request_error");
            return ex.param();
          }
        }));
    params.forEach((param, got) -> assertThat(got).as(param).contains(param));
  }

  @Test
  void errors_unknownParameterIsA400() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("x")
        .putAdditionalBodyProperty("frobnicate", JsonValue.from(true)).build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Unrecognized request argument supplied:"
            + " frobnicate");
  }

  @Test
  void errors_wrongKeyIsUnauthorizedWithCodeInvalidApiKey() {
    OpenAIClient wrong = client("sk-wrong-key-123456");
    try {
      assertThatThrownBy(() -> wrong.chat().completions().create(chat("x").build()))
          .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
            assertThat(e.code()).contains("invalid_api_key");
            assertThat(e.getMessage()).doesNotContain("sk-wrong-key-123456");
          });
      assertThatThrownBy(() -> wrong.models().list()).isInstanceOf(UnauthorizedException.class);
    } finally {
      wrong.close();
    }
  }

  @Test
  void errors_unknownModelIsNotFoundWithCodeModelNotFound() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("x").model("gpt-nonexistent").build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
  }

  @Test
  void errors_rateLimitCarriesRetryAfterAndRateLimitHeaders() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("fail with 429").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.headers().values("Retry-After")).containsExactly("7");
          assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
          assertThat(e.headers().values("x-ratelimit-reset-requests")).containsExactly("7s");
          assertThat(e.code()).contains("rate_limit_exceeded");
        });
  }

  @Test
  void errors_serverErrorsAreInternalServerExceptions() {
    for (int status : new int[] {500, 503}) {
      assertThatThrownBy(() -> client.chat().completions().create(chat("fail with " + status).build()))
          .isInstanceOfSatisfying(InternalServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(((OpenAIServiceException) e).type()).contains("server_error");
          });
    }
  }
}
