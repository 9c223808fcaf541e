package io.synthkit.method.reversegen.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.FineTuning;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI fine-tuning trainer against an in-memory fine-tuning API: job bodies, journal, polling, failures. */
class OpenAiFineTuneTrainerTest {

  @TempDir
  Path dir;

  /** A fine-tuning API whose jobs go through the statuses a test queues, then end as the test says. */
  static final class FakeApi implements FineTuning {
    final List<String> calls = new ArrayList<>();
    final List<ObjectNode> created = new ArrayList<>();
    final Deque<String> statuses = new ArrayDeque<>();
    String end = "succeeded";
    @Nullable String model = "ft:base:rg:1";
    @Nullable JsonNode found;
    @Nullable String errorMessage;

    @Override
    public String upload(Path file) {
      calls.add("upload " + file.getFileName());
      return "file-" + calls.size();
    }

    @Override
    public JsonNode createJob(ObjectNode body) {
      created.add(body);
      calls.add("create");
      return job("job-" + created.size(), "queued");
    }

    @Override
    public Optional<JsonNode> findJob(String key) {
      calls.add("find " + key);
      return Optional.ofNullable(found);
    }

    @Override
    public JsonNode job(String id) {
      calls.add("get " + id);
      return job(id, statuses.isEmpty() ? end : statuses.poll());
    }

    ObjectNode job(String id, String status) {
      ObjectNode j = Json.object().put("id", id).put("status", status).put("training_file", "file-x");
      if (status.equals("succeeded") && model != null) {
        j.put("fine_tuned_model", model);
      }
      if (errorMessage != null) {
        j.putObject("error").put("message", errorMessage);
      }
      return j;
    }
  }

  final FakeApi api = new FakeApi();
  final MemoryJournal memory = new MemoryJournal();
  final List<String> status = new ArrayList<>();

  static TrainerParams params(@Nullable Integer epochs) {
    return new TrainerParams("openai-finetune", null, 0.25, epochs, "rg", 0.001, null, null, null, null, null);
  }

  OpenAiFineTuneTrainer trainer(@Nullable Integer epochs, String runName) {
    return new OpenAiFineTuneTrainer(params(epochs), api, memory.journal, status::add, runName);
  }

  OpenAiFineTuneTrainer trainer() {
    return trainer(null, "run");
  }

  TrainingRound round(int iteration) throws IOException {
    Path openAi = Files.writeString(dir.resolve("iter-" + iteration + ".dpo.openai.jsonl"), "{\"pairs\":1}\n");
    return new TrainingRound(iteration, List.of(), List.of(), new TrainingFiles.Written(dir.resolve("trl"), openAi));
  }

  static final TrainedModel BASE = new TrainedModel("base", null);

  @Test
  void train_uploadsCreatesADpoJobFromTheCurrentModel_pollsIt_andContinuesWithItsModel() throws IOException {
    api.statuses.add("running");
    assertThat(trainer().train(round(2), new TrainedModel("ft:prev", "http://ignored"))).contains(
        new TrainedModel("ft:base:rg:1", null));
    assertThat(api.calls.get(0)).startsWith("find run/trainer/iter/2/0/");
    assertThat(api.calls.subList(1, api.calls.size())).containsExactly("upload iter-2.dpo.openai.jsonl", "create",
        "get job-1", "get job-1");
    ObjectNode body = api.created.get(0);
    assertThat(body.path("model").asText()).isEqualTo("ft:prev");
    assertThat(body.path("training_file").asText()).isEqualTo("file-2");
    assertThat(body.path("suffix").asText()).isEqualTo("rg-i2");
    assertThat(body.path("method").toString()).isEqualTo(
        "{\"type\":\"dpo\",\"dpo\":{\"hyperparameters\":{\"beta\":0.25}}}");
    assertThat(body.path("metadata").path(FineTuning.JOB_KEY).asText()).matches("run/trainer/iter/2/0/[0-9a-f]{16}")
        .isEqualTo(api.calls.get(0).substring("find ".length()));
    assertThat(Json.parse(memory.store.get("trainer/iter/2/job/0")).toString()).isEqualTo(
        "{\"job_id\":\"job-1\",\"training_file\":\"file-2\",\"base_model\":\"ft:prev\",\"method\":\"dpo\"}");
    assertThat(status).containsExactly("trainer iter 2: uploading iter-2.dpo.openai.jsonl",
        "fine-tuning job job-1: queued", "fine-tuning job job-1: running");
  }

  @Test
  void warmUp_isASupervisedJobWithoutBeta_andEpochsWhenSet() throws IOException {
    Path sft = Files.writeString(dir.resolve("warmup.sft.openai.jsonl"), "{}\n");
    assertThat(trainer(2, "run").warmUp(List.of(), new TrainingFiles.Written(dir.resolve("trl"), sft), BASE))
        .contains(new TrainedModel("ft:base:rg:1", null));
    ObjectNode body = api.created.get(0);
    assertThat(body.path("suffix").asText()).isEqualTo("rg-warmup");
    assertThat(body.path("method").toString()).isEqualTo(
        "{\"type\":\"supervised\",\"supervised\":{\"hyperparameters\":{\"n_epochs\":2}}}");
    assertThat(memory.store).containsKey("trainer/warmup/job/0");
  }

  @Test
  void describe_listsEpochsOnlyWhenSet() {
    assertThat(trainer().name()).isEqualTo("openai-finetune");
    assertThat(trainer().describe().toString()).isEqualTo(
        "{\"type\":\"openai-finetune\",\"beta\":0.25,\"warmup\":true,\"min_pairs\":10}");
    assertThat(trainer(3, "run").describe().path("epochs").asInt()).isEqualTo(3);
  }

  @Test
  void aJobJournaledByAnEarlierSession_isPolled_notCreatedAgain() throws IOException {
    memory.with("trainer/iter/1/job/0", Json.object().put("job_id", "job-7"));
    api.statuses.add("running");
    assertThat(trainer().train(round(1), BASE)).contains(new TrainedModel("ft:base:rg:1", null));
    assertThat(api.calls).containsExactly("get job-7", "get job-7");
    assertThat(api.created).isEmpty();
  }

  @Test
  void aJournaledJobThatFailed_orWasCancelled_isReplacedByTheNextAttempt() throws IOException {
    memory.with("trainer/iter/1/job/0", Json.object().put("job_id", "job-7"));
    memory.with("trainer/iter/1/job/1", Json.object().put("job_id", "job-8"));
    api.statuses.add("cancelled");
    assertThat(trainer().train(round(1), BASE)).isPresent();
    assertThat(api.calls.get(0)).isEqualTo("get job-8");
    assertThat(api.calls.get(1)).startsWith("find run/trainer/iter/1/2/");
    assertThat(api.created).singleElement().satisfies(b -> assertThat(b.path("metadata").path(FineTuning.JOB_KEY)
        .asText()).startsWith("run/trainer/iter/1/2/"));
    assertThat(memory.store).containsKey("trainer/iter/1/job/2");
  }

  @Test
  void aJobCreatedButNotJournaled_isAdopted_unlessItFailed() throws IOException {
    api.found = Json.object().put("id", "job-lost").put("status", "running").put("training_file", "file-lost");
    trainer().train(round(1), BASE);
    assertThat(api.created).isEmpty();
    assertThat(api.calls).noneMatch(c -> c.startsWith("upload"));
    assertThat(Json.parse(memory.store.get("trainer/iter/1/job/0")).toString()).isEqualTo(
        "{\"job_id\":\"job-lost\",\"training_file\":\"file-lost\",\"base_model\":\"base\",\"method\":\"dpo\"}");

    MemoryJournal fresh = new MemoryJournal();
    api.found = Json.object().put("id", "job-lost").put("status", "failed");
    new OpenAiFineTuneTrainer(params(null), api, fresh.journal, status::add, "run").train(round(3), BASE);
    assertThat(api.created).hasSize(1);
  }

  @Test
  void aFailedJob_failsWithTheServersMessage() throws IOException {
    api.end = "failed";
    api.errorMessage = "the training data is too spicy";
    assertThatThrownBy(() -> trainer().train(round(1), BASE)).isInstanceOf(EndpointException.class)
        .hasMessage("fine-tuning job job-1 (trainer/iter/1) ended failed: the training data is too spicy; run the same"
            + " command again to start a new job");
    api.errorMessage = null;
    assertThatThrownBy(() -> trainer().train(round(4), BASE)).hasMessageContaining("ended failed: no error message");
  }

  @Test
  void aSucceededJobWithoutAModel_isAnEndpointError() throws IOException {
    api.model = null;
    assertThatThrownBy(() -> trainer().train(round(1), BASE)).isInstanceOf(SynthkitException.class)
        .hasMessage("fine-tuning job job-1 succeeded without a fine_tuned_model")
        .satisfies(e -> assertThat(((SynthkitException) e).exitCode()).isEqualTo(SynthkitException.EXIT_ENDPOINT));
  }

  @Test
  void aLongJobKey_keepsItsLast512Characters() throws IOException {
    String runName = "r".repeat(600);
    trainer(null, runName).train(round(1), BASE);
    String key = api.created.get(0).path("metadata").path(FineTuning.JOB_KEY).asText();
    assertThat(key).hasSize(512).matches("r+/trainer/iter/1/0/[0-9a-f]{16}");
  }

  @Test
  void interruptedWhilePolling_cancels_andKeepsTheInterrupt() throws IOException {
    // A journaled job, so nothing reads a file on the interrupted thread before the poll's sleep.
    memory.with("trainer/iter/1/job/0", Json.object().put("job_id", "job-7"));
    api.statuses.add("running");
    TrainingRound round = round(1);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> trainer().train(round, BASE))
          .isInstanceOf(java.util.concurrent.CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
