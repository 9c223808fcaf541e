package io.synthkit.sim.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's batch APIs against the official SDKs with response validation on: OpenAI's Files + Batch API and
 * Anthropic's Message Batches, with their completion delay (polls), partial failures and expiry, and the direct
 * endpoints' checks applied to every request in a batch.
 */
class BatchSdkConformanceTest {

  static final String KEY = "sk-batch";
  static final String GPT = "gpt-4o-mini";
  static final String CLAUDE = "claude-haiku-4-5";

  static OpenAIClient openAi(Simulator sim) {
    return OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl()).apiKey(KEY).maxRetries(0).responseValidation(true)
        .build();
  }

  static AnthropicClient anthropic(Simulator sim) {
    return AnthropicOkHttpClient.builder().baseUrl(sim.rootUrl()).apiKey(KEY).maxRetries(0).responseValidation(true)
        .build();
  }

  static String line(String customId, String model, String user, int maxTokens) {
    return Json.write(Json.object().put("custom_id", customId).put("method", "POST").put("url", "/v1/chat/completions")
        .set("body", Json.parse("{\"model\":\"" + model + "\",\"max_completion_tokens\":" + maxTokens
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}"))) + "\n";
  }

  static FileObject upload(OpenAIClient client, String jsonl) {
    return client.files().create(FileCreateParams.builder().file(jsonl.getBytes(StandardCharsets.UTF_8))
        .purpose(FilePurpose.BATCH).build()).validate();
  }

  static Batch create(OpenAIClient client, String fileId) {
    return client.batches().create(BatchCreateParams.builder().inputFileId(fileId)
        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
        .completionWindow(BatchCreateParams.CompletionWindow._24H).build()).validate();
  }

  static List<JsonNode> content(OpenAIClient client, String fileId) throws IOException {
    try (var response = client.files().content(fileId)) {
      List<JsonNode> out = new ArrayList<>();
      for (String l : new String(response.body().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          out.add(Json.parse(l));
        }
      }
      return out;
    }
  }

  @Test
  void openAiBatchRunsAfterItsPollsAndMatchesEveryLineByCustomId() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of(KEY)).withBatches(3, 0, 0))) {
      OpenAIClient client = openAi(sim);
      String jsonl = line("a", GPT, "Say one", 50) + line("b", GPT, "Say two", 50)
          // the direct endpoint refuses a negative token limit; so does the batch, in the error file
          + line("c", GPT, "Say three", -1);
      FileObject file = upload(client, jsonl);
      assertThat(file.purpose()).isEqualTo(FileObject.Purpose.BATCH);
      Batch batch = create(client, file.id());
      assertThat(batch.status()).isEqualTo(Batch.Status.VALIDATING);
      assertThat(client.batches().retrieve(batch.id()).validate().status()).isEqualTo(Batch.Status.IN_PROGRESS);
      assertThat(client.batches().retrieve(batch.id()).validate().status()).isEqualTo(Batch.Status.IN_PROGRESS);
      Batch done = client.batches().retrieve(batch.id()).validate();
      assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
      assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
      assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(1);
      assertThat(client.batches().list().data()).extracting(Batch::id).contains(batch.id());

      Map<String, JsonNode> out = new HashMap<>();
      content(client, done.outputFileId().orElseThrow()).forEach(l -> out.put(l.get("custom_id").asText(), l));
      assertThat(out.keySet()).containsExactlyInAnyOrder("a", "b");
      for (JsonNode l : out.values()) {
        assertThat(l.at("/response/status_code").asInt()).isEqualTo(200);
        // each body is a chat completion the SDK accepts
        ChatCompletion c = com.openai.core.ObjectMappers.jsonMapper().readValue(
            Json.write(l.at("/response/body")), ChatCompletion.class).validate();
        assertThat(c.choices()).hasSize(1);
      }
      List<JsonNode> errors = content(client, done.errorFileId().orElseThrow());
      assertThat(errors).singleElement().satisfies(e -> {
        assertThat(e.get("custom_id").asText()).isEqualTo("c");
        assertThat(e.at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(e.at("/response/body/error/param").asText()).isEqualTo("max_completion_tokens");
      });
    }
  }

  @Test
  void openAiBatchWithFailuresAndExpiryReportsEachRequestOnce() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of(KEY)).withBatches(1, 0.3, 0.3))) {
      OpenAIClient client = openAi(sim);
      StringBuilder jsonl = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        jsonl.append(line("r" + i, GPT, "Item " + i, 40));
      }
      Batch done = client.batches().retrieve(create(client, upload(client, jsonl.toString()).id()).id()).validate();
      assertThat(done.status()).isEqualTo(Batch.Status.EXPIRED);
      List<JsonNode> out = content(client, done.outputFileId().orElseThrow());
      List<JsonNode> errors = content(client, done.errorFileId().orElseThrow());
      assertThat(out.size() + errors.size()).isEqualTo(40);
      assertThat(errors).anySatisfy(e -> assertThat(e.at("/error/code").asText()).isEqualTo("batch_expired"));
      assertThat(errors).anySatisfy(e -> assertThat(e.at("/response/status_code").asInt()).isEqualTo(500));
      assertThat(out).isNotEmpty();
      assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(errors.size());
    }
  }

  @Test
  void openAiRefusesWhatOpenAiRefuses() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of(KEY)))) {
      OpenAIClient client = openAi(sim);
      FileObject tune = client.files().create(FileCreateParams.builder().file(line("a", GPT, "x", 5)
          .getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.FINE_TUNE).build());
      assertThatThrownBy(() -> create(client, tune.id())).hasMessageContaining("purpose 'batch'");
      assertThatThrownBy(() -> create(client, "file-missing")).hasMessageContaining("No such File");
      assertThatThrownBy(() -> client.batches().retrieve("batch_nope")).hasMessageContaining("batch_nope");
      // a repeated custom_id and a second model fail the whole batch with OpenAI's error codes
      Batch bad = create(client, upload(client, line("a", GPT, "x", 5) + line("a", "gpt-4o", "y", 5)).id());
      Batch failed = client.batches().retrieve(bad.id()).validate();
      assertThat(failed.status()).isEqualTo(Batch.Status.FAILED);
      assertThat(failed.errors().orElseThrow().data().orElseThrow()).extracting(e -> e.code().orElseThrow())
          .contains("duplicate_custom_id", "mismatched_model");
      // a cancelled batch ends cancelled; its requests are in the error file
      Batch running = create(client, upload(client, line("z", GPT, "x", 5)).id());
      assertThat(client.batches().cancel(running.id()).validate().status()).isEqualTo(Batch.Status.CANCELLING);
      assertThat(client.batches().retrieve(running.id()).validate().status()).isEqualTo(Batch.Status.CANCELLED);
    }
  }

  static com.anthropic.models.messages.batches.BatchCreateParams.Request request(String id, String user,
      long maxTokens) {
    return com.anthropic.models.messages.batches.BatchCreateParams.Request.builder().customId(id)
        .params(com.anthropic.models.messages.batches.BatchCreateParams.Request.Params.builder().model(CLAUDE)
            .maxTokens(maxTokens).addUserMessage(user).build()).build();
  }

  static MessageBatch create(AnthropicClient client, List<com.anthropic.models.messages.batches.BatchCreateParams
      .Request> requests) {
    return client.messages().batches().create(com.anthropic.models.messages.batches.BatchCreateParams.builder()
        .requests(requests).build()).validate();
  }

  static Map<String, MessageBatchIndividualResponse> results(AnthropicClient client, String id) {
    Map<String, MessageBatchIndividualResponse> out = new HashMap<>();
    try (StreamResponse<MessageBatchIndividualResponse> s = client.messages().batches().resultsStreaming(id)) {
      s.stream().forEach(r -> out.put(r.validate().customId(), r));
    }
    return out;
  }

  @Test
  void anthropicMessageBatchEndsAfterItsPollsWithOneResultPerRequest() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of(KEY)).withBatches(2, 0, 0))) {
      AnthropicClient client = anthropic(sim);
      MessageBatch batch = create(client, List.of(request("one", "Say one", 64), request("two", "Say two", 64),
          request("bad", "Say three", 0)));
      assertThat(batch.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.IN_PROGRESS);
      assertThat(client.messages().batches().retrieve(batch.id()).validate().processingStatus())
          .isEqualTo(MessageBatch.ProcessingStatus.IN_PROGRESS);
      MessageBatch ended = client.messages().batches().retrieve(batch.id()).validate();
      assertThat(ended.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.ENDED);
      assertThat(ended.requestCounts().succeeded()).isEqualTo(2);
      assertThat(ended.requestCounts().errored()).isEqualTo(1);
      assertThat(ended.resultsUrl()).isPresent();
      Map<String, MessageBatchIndividualResponse> results = results(client, batch.id());
      assertThat(results.keySet()).containsExactlyInAnyOrder("one", "two", "bad");
      assertThat(results.get("one").result().asSucceeded().message().content()).isNotEmpty();
      assertThat(results.get("bad").result().isErrored()).isTrue();
      assertThat(client.messages().batches().list().data()).extracting(MessageBatch::id).contains(batch.id());
    }
  }

  @Test
  void anthropicBatchWithFailuresExpiryAndCancel() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of(KEY)).withBatches(1, 0.3, 0.3))) {
      AnthropicClient client = anthropic(sim);
      List<com.anthropic.models.messages.batches.BatchCreateParams.Request> requests = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        requests.add(request("r" + i, "Item " + i, 40));
      }
      MessageBatch batch = create(client, requests);
      MessageBatch ended = client.messages().batches().retrieve(batch.id()).validate();
      var counts = ended.requestCounts();
      assertThat(counts.succeeded() + counts.errored() + counts.expired()).isEqualTo(40);
      assertThat(counts.expired()).isPositive();
      assertThat(counts.errored()).isPositive();
      Map<String, MessageBatchIndividualResponse> results = results(client, batch.id());
      assertThat(results).hasSize(40);
      assertThat(results.values().stream().filter(r -> r.result().isExpired()).count()).isEqualTo(counts.expired());

      MessageBatch cancelled = create(client, List.of(request("c1", "x", 10)));
      assertThat(client.messages().batches().cancel(cancelled.id()).validate().processingStatus())
          .isEqualTo(MessageBatch.ProcessingStatus.CANCELING);
      client.messages().batches().retrieve(cancelled.id()).validate();
      assertThat(results(client, cancelled.id()).get("c1").result().isCanceled()).isTrue();
      // Anthropic's create-time checks: custom_id pattern and uniqueness
      assertThatThrownBy(() -> create(client, List.of(request("has space", "x", 10))))
          .hasMessageContaining("custom_id");
      assertThatThrownBy(() -> create(client, List.of(request("d", "x", 10), request("d", "y", 10))))
          .hasMessageContaining("Duplicate custom_id");
    }
  }
}
