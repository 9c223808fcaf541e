package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One provider's batch API: submit requests, poll the job, read its results by custom_id. */
interface BatchApi {

  /**
   * One request of a batch.
   *
   * @param customId its id within the batch (also the journal's key for it)
   * @param body the request body, as a direct call would send it
   * @param key the call's sample key (a fan-out sends it as a direct call would; provider batch APIs ignore it)
   */
  record Line(String customId, ObjectNode body, String key) {
    Line(String customId, ObjectNode body) {
      this(customId, body, "");
    }
  }

  /**
   * A batch job as last polled.
   *
   * @param ended whether the provider finished with it (completed, expired, failed, cancelled)
   * @param status the provider's status word
   * @param job the provider's job object
   */
  record State(boolean ended, String status, JsonNode job) {}

  /**
   * What happened to one request.
   *
   * @param body the provider's reply body (a chat completion or a message), or {@code null} when it failed
   * @param error why it failed, or {@code null}
   * @param retries attempts repeated where it was sent (a fan-out's executors), counted as the caller's retries
   * @param simulated whether the server that answered said its content is simulated (a fan-out's executors see the
   *     header that says so; a provider batch is marked by the endpoint itself)
   */
  record Result(@Nullable JsonNode body, @Nullable String error, int retries, boolean simulated) {
    Result(@Nullable JsonNode body, @Nullable String error) {
      this(body, error, 0, false);
    }
  }

  /**
   * Submits a batch.
   *
   * @param lines the requests
   * @param intent an idempotency key journaled before the submit, stored with the batch where the API allows
   * @return the provider's batch id
   */
  String submit(List<Line> lines, String intent);

  /**
   * Finds a recent batch submitted with an intent key: a session killed after the provider created the batch but
   * before its id was journaled finds it here instead of paying for it twice.
   *
   * @param intent the key
   * @return the batch id, if the API can tell and the batch is among the recent ones
   */
  java.util.Optional<String> find(String intent);

  /**
   * Reads a batch's state.
   *
   * @param id the batch id
   * @return the state
   */
  State poll(String id);

  /**
   * Reads an ended batch's results.
   *
   * @param state the ended state
   * @return custom_id to result; requests the provider did not report are missing
   */
  Map<String, Result> results(State state);
}
