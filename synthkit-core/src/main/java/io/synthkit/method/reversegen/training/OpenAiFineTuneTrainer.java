package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.FineTuning;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The {@code openai-finetune} trainer: fine-tuning jobs on the proposer's OpenAI-compatible endpoint. Each update
 * uploads the iteration's pairs in OpenAI's DPO format ({@code POST /files}), creates a job with
 * {@code method: {type: dpo, dpo: {hyperparameters: {beta}}}} starting from the current proposer model
 * ({@code POST /fine_tuning/jobs}), polls it ({@code GET /fine_tuning/jobs/{id}}) until it succeeds, fails or is
 * cancelled, and continues with its {@code fine_tuned_model}. The warm-up is the same with method
 * {@code supervised} on (prompt, held-out instruction) messages.
 *
 * <p>Each job id is journaled as soon as the job exists, so a resumed run polls that job instead of paying for a
 * second one; a job an earlier session saw fail is replaced by a new one. Confined to the method's thread.
 */
final class OpenAiFineTuneTrainer implements ProposerTrainer {

  private static final Set<String> FAILED = Set.of("failed", "cancelled");

  private final TrainerParams p;
  private final FineTuning client;
  private final TrainerJournal journal;
  private final Consumer<String> status;
  private final String runName;

  OpenAiFineTuneTrainer(TrainerParams p, FineTuning client, TrainerJournal journal, Consumer<String> status,
      String runName) {
    this.p = p;
    this.client = client;
    this.journal = journal;
    this.status = status;
    this.runName = runName;
  }

  @Override
  public String name() {
    return "openai-finetune";
  }

  @Override
  public Optional<TrainedModel> warmUp(List<SftExample> examples, TrainingFiles.Written files, TrainedModel current) {
    return Optional.of(run("trainer/warmup", files.openAi(), "supervised", current, p.suffix() + "-warmup"));
  }

  @Override
  public Optional<TrainedModel> train(TrainingRound round, TrainedModel current) {
    return Optional.of(run("trainer/iter/" + round.iteration(), round.files().openAi(), "dpo", current,
        p.suffix() + "-i" + round.iteration()));
  }

  @Override
  public List<Instruction> steering(SplittableRandom rng) {
    return List.of();
  }

  @Override
  public ObjectNode describe() {
    ObjectNode d = Json.object().put("type", name()).put("beta", p.beta()).put("warmup", p.warmup())
        .put("min_pairs", p.minPairs());
    if (p.epochs() != null) {
      d.put("epochs", p.epochs());
    }
    return d;
  }

  private TrainedModel run(String key, Path file, String method, TrainedModel current, String suffix) {
    int attempt = 0;
    while (journal.find(key + "/job/" + attempt).isPresent()) {
      attempt++;
    }
    if (attempt > 0) {
      String id = journal.find(key + "/job/" + (attempt - 1)).orElseThrow().path("job_id").asText();
      JsonNode job = client.job(id);
      if (!FAILED.contains(job.path("status").asText())) {
        return finished(await(id, job), key);
      }
      // An earlier session saw this job fail (and said so); this rerun is the retry the error message promised.
    }
    String jobKey = jobKey(key, attempt, file);
    JsonNode job = client.findJob(jobKey).filter(j -> !FAILED.contains(j.path("status").asText())).orElse(null);
    String fileId;
    if (job == null) {
      status.accept(key.replace('/', ' ') + ": uploading " + file.getFileName());
      fileId = client.upload(file);
      ObjectNode body = jobBody(fileId, method, current.model(), suffix);
      body.putObject("metadata").put(FineTuning.JOB_KEY, jobKey);
      job = client.createJob(body);
    } else {
      fileId = job.path("training_file").asText(); // created by a session cancelled before it could journal the id
    }
    String id = job.path("id").asText();
    journal.record(key + "/job/" + attempt, Json.object().put("job_id", id).put("training_file", fileId)
        .put("base_model", current.model()).put("method", method));
    return finished(await(id, job), key);
  }

  /**
   * A key naming this job: the run, the training step, the attempt and the training data. The same resumed step asks
   * for the same key; a changed training file (a different run) does not.
   */
  private String jobKey(String key, int attempt, Path file) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file));
      String hash = java.util.HexFormat.of().formatHex(digest, 0, 8);
      String full = runName + "/" + key + "/" + attempt + "/" + hash;
      return full.length() <= 512 ? full : full.substring(full.length() - 512); // OpenAI's metadata value limit
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot read the training file " + file, e);
    }
  }

  private ObjectNode jobBody(String fileId, String method, String model, String suffix) {
    ObjectNode hyper = Json.object();
    if (method.equals("dpo")) {
      hyper.put("beta", p.beta());
    }
    if (p.epochs() != null) {
      hyper.put("n_epochs", p.epochs());
    }
    ObjectNode body = Json.object().put("model", model).put("training_file", fileId).put("suffix", suffix);
    body.putObject("method").put("type", method).putObject(method).set("hyperparameters", hyper);
    return body;
  }

  /** Polls until the job leaves the running states or the timeout passes. */
  private JsonNode await(String id, JsonNode job) {
    long deadline = System.nanoTime() + Duration.ofMinutes(p.timeoutMinutes()).toNanos();
    Duration poll = Duration.ofMillis(Math.round(p.pollSeconds() * 1000));
    while (!job.path("status").asText().equals("succeeded") && !FAILED.contains(job.path("status").asText())) {
      status.accept("fine-tuning job " + id + ": " + job.path("status").asText());
      if (System.nanoTime() > deadline) {
        throw new EndpointException("fine-tuning job " + id + " is still " + job.path("status").asText() + " after "
            + p.timeoutMinutes() + " minutes; run the same command again to keep waiting (the job id is saved), or"
            + " raise reversegen.trainer.timeout_minutes", 0);
      }
      sleep(poll);
      job = client.job(id);
    }
    return job;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for fine-tuning");
    }
  }

  private static TrainedModel finished(JsonNode job, String key) {
    String id = job.path("id").asText();
    if (!job.path("status").asText().equals("succeeded")) {
      throw new EndpointException("fine-tuning job " + id + " (" + key + ") ended " + job.path("status").asText()
          + ": " + job.path("error").path("message").asText("no error message") + "; run the same command again to"
          + " start a new job", 0);
    }
    String model = job.path("fine_tuned_model").asText("");
    if (model.isBlank()) {
      throw new SynthkitException("fine-tuning job " + id + " succeeded without a fine_tuned_model",
          SynthkitException.EXIT_ENDPOINT);
    }
    return new TrainedModel(model, null);
  }
}
