package io.synthkit.spi;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A model role as methods and quality stages see it: ask for text or for a structured value, and get a reply. Behind
 * each call sit the run's response cache (an identical request with the same sample key is never paid twice), the
 * budget, rate limits, retries and schema repair; none of that is visible here.
 *
 * <p>Every call takes a <b>sample key</b>: a stable name for this call's place in the method's work (for example
 * {@code iter/12/gen/3}). It keeps identical prompts sampled several times distinct in the cache, and makes a resumed
 * run reuse exactly the replies it had before, whatever order concurrent calls complete in.
 *
 * <p>Handles are immutable and thread-safe; {@link #stage(String)} and {@link #with(Sampling)} return tuned copies.
 * Get one from {@link StageContext#llm(String)}.
 */
public interface Llm {

  /**
   * Returns the role name.
   *
   * @return for example {@code generator}
   */
  String role();

  /**
   * Returns the model id this role uses.
   *
   * @return the model id
   */
  String model();

  /**
   * Tells whether this role runs on synthkit's simulator.
   *
   * @return true when replies are simulated placeholders
   */
  boolean simulated();

  /**
   * Returns the API base URL this role's requests go to (for programs beside synthkit that talk to the same server,
   * such as a user's training command).
   *
   * @return the base URL, or {@code null} for the provider's default
   */
  @Nullable String baseUrl();

  /**
   * Returns a copy whose usage is counted under another stage (for per-stage cost tables).
   *
   * @param name the stage, e.g. {@code reflection}
   * @return the copy
   */
  Llm stage(String name);

  /**
   * Returns a copy whose calls use these sampling values over the role's defaults.
   *
   * @param overrides values set here win over the role's config
   * @return the copy
   */
  Llm with(Sampling overrides);

  /**
   * Returns the sampling values calls use.
   *
   * @return the effective sampling
   */
  Sampling sampling();

  /**
   * Returns a handle on the same role and endpoint for another model id, sharing the endpoint's limits (a model
   * fine-tuned from this one, served by the same server).
   *
   * @param id the model id
   * @return the handle
   */
  Llm withModel(String id);

  /**
   * Returns a handle on the same role for another model id served at another OpenAI-compatible base URL (for example a
   * local server started for a freshly trained checkpoint), with this role's key, headers and limits.
   *
   * @param id the model id
   * @param url the API base URL, or {@code null} for this role's
   * @return the handle
   */
  Llm withModel(String id, @Nullable String url);

  /**
   * Asks for free text.
   *
   * @param prompt the conversation
   * @param key the sample key
   * @return the reply text
   * @throws ItemFailedException when this call cannot succeed (its item should be rejected)
   */
  default String text(Prompt prompt, String key) {
    return completion(prompt, key).text();
  }

  /**
   * Asks for free text and returns it with its finish reason.
   *
   * @param prompt the conversation
   * @param key the sample key
   * @return the reply
   * @throws ItemFailedException when this call cannot succeed (its item should be rejected)
   */
  Choice completion(Prompt prompt, String key);

  /**
   * Samples several free-text replies to one prompt (one request with {@code n} where the server supports it, and
   * more requests when it returns fewer). Always returns exactly {@code n} replies.
   *
   * @param prompt the conversation
   * @param n how many replies
   * @param key the sample key
   * @return the replies
   * @throws ItemFailedException when the calls cannot succeed (their item should be rejected)
   */
  List<Choice> completions(Prompt prompt, int n, String key);

  /**
   * Asks for a value of a record type; re-asks with the validation errors when the reply does not fit.
   *
   * @param prompt the conversation
   * @param type the record type (its JSON schema is derived and sent)
   * @param key the sample key
   * @param <T> the type
   * @return the value
   * @throws InvalidReplyException when the reply stays invalid after every re-ask
   */
  default <T> T ask(Prompt prompt, Class<T> type, String key) {
    return tryAsk(prompt, type, key).orThrow();
  }

  /**
   * Like {@link #ask(Prompt, Class, String)} but returns an invalid reply instead of throwing.
   *
   * @param prompt the conversation
   * @param type the record type
   * @param key the sample key
   * @param <T> the type
   * @return the outcome
   */
  default <T> Reply<T> tryAsk(Prompt prompt, Class<T> type, String key) {
    return askMany(prompt, Schema.of(type), type, 1, key).get(0);
  }

  /**
   * Asks for a value of a schema built at run time.
   *
   * @param prompt the conversation
   * @param schema the schema
   * @param key the sample key
   * @return the outcome, bound to a JSON tree
   */
  default Reply<JsonNode> tryAsk(Prompt prompt, Schema schema, String key) {
    return askMany(prompt, schema, JsonNode.class, 1, key).get(0);
  }

  /**
   * Samples several structured replies to one prompt; each is validated and repaired on its own.
   *
   * @param prompt the conversation
   * @param schema the schema
   * @param type the Java type replies bind to
   * @param n how many replies
   * @param key the sample key
   * @param <T> the type
   * @return exactly {@code n} outcomes, in order
   */
  <T> List<Reply<T>> askMany(Prompt prompt, Schema schema, Class<T> type, int n, String key);
}
