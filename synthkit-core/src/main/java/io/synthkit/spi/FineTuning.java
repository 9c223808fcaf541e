package io.synthkit.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fine-tuning API of a model role's endpoint: OpenAI's Files and Fine-tuning endpoints (also served by synthkit's
 * simulator). Objects are the API's own JSON. Calls are retried on 429, 5xx and connection failures like model calls;
 * keys and bodies are never logged. Get one from {@link RunContext#fineTuning(String)}. Thread-safe.
 */
public interface FineTuning {

  /** The metadata field that makes job creation idempotent across a cancelled and resumed run. */
  String JOB_KEY = "synthkit_job";

  /**
   * Uploads a JSONL training file ({@code POST /files}, purpose {@code fine-tune}).
   *
   * @param file the file
   * @return the file id
   */
  String upload(Path file);

  /**
   * Creates a fine-tuning job ({@code POST /fine_tuning/jobs}).
   *
   * @param body model, training_file, suffix, method, metadata
   * @return the job object
   */
  JsonNode createJob(ObjectNode body);

  /**
   * Finds a recent job created with an idempotency key in its metadata ({@link #JOB_KEY}), newest first, so a run
   * cancelled after the server created a job but before it recorded the id adopts that job instead of paying twice.
   *
   * @param key the key the job was created with
   * @return the job, if one of the 100 most recent has the key
   */
  Optional<JsonNode> findJob(String key);

  /**
   * Reads a job ({@code GET /fine_tuning/jobs/{id}}).
   *
   * @param id the job id
   * @return the job object
   */
  JsonNode job(String id);
}
