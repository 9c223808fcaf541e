package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.HttpTransport;
import io.synthkit.http.Multipart;
import io.synthkit.http.Request;
import io.synthkit.http.Response;
import io.synthkit.http.Retrier;
import io.synthkit.http.Retrier.Outcome;
import io.synthkit.http.RetryPolicy;
import io.synthkit.http.Sleeper;
import io.synthkit.json.Json;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.FineTuning;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A small client for the OpenAI Files and Fine-tuning APIs (also served by synthkit's simulator): upload a training
 * file, create a job, read a job. Fine-tuning calls are few and slow, so this client retries 429, 5xx and connection
 * errors a few times with exponential backoff (honouring Retry-After) through the gateway's HTTP transport, and never
 * logs keys or bodies. Thread-safe.
 */
final class FineTuningClient implements FineTuning {

  private static final int ATTEMPTS = 5;

  private final HttpTransport http;
  private final String base;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final Retrier retrier;

  /**
   * Creates a client.
   *
   * @param http the transport (the gateway's)
   * @param baseUrl the API base, e.g. {@code https://api.openai.com/v1}
   * @param apiKey the key, or {@code null}
   * @param extraHeaders extra headers (e.g. {@code OpenAI-Organization}), or {@code null}
   * @param timeout per-request timeout
   * @param maxRetryAfter the longest Retry-After honoured
   */
  FineTuningClient(HttpTransport http, String baseUrl, @Nullable String apiKey,
      @Nullable Map<String, String> extraHeaders,
      Duration timeout, Duration maxRetryAfter) {
    this.http = http;
    // As for chat: URL user-info becomes Basic auth and is never part of a URL that a message could show.
    Secrets.registerUrl(baseUrl);
    Secrets.register(apiKey);
    String shown = Objects.requireNonNull(Secrets.withoutUserInfo(baseUrl), "a URL without user-info is a URL");
    this.base = shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
    Map<String, String> h = new LinkedHashMap<>();
    String userInfo = Secrets.userInfo(baseUrl);
    if (apiKey != null && !apiKey.isBlank()) {
      h.put("Authorization", "Bearer " + apiKey.strip());
    } else if (userInfo != null) {
      h.put("Authorization", "Basic " + Secrets.basicToken(userInfo));
    }
    if (extraHeaders != null) {
      h.putAll(extraHeaders);
    }
    this.headers = Map.copyOf(h);
    this.timeout = timeout;
    // Exact waits (1, 2, 4, 8 s): a handful of calls from one run cannot stampede.
    this.retrier = new Retrier(new RetryPolicy(ATTEMPTS, Duration.ofSeconds(1), Duration.ofSeconds(30), false,
        maxRetryAfter), Sleeper.SYSTEM);
  }

  /**
   * Uploads a JSONL training file ({@code POST /files}, purpose {@code fine-tune}).
   *
   * @param file the file
   * @return the file id
   */
  @Override
  public String upload(Path file) {
    Multipart form = new Multipart().field("purpose", "fine-tune");
    try {
      form.file("file", file.getFileName().toString(), "application/jsonl", Files.readAllBytes(file));
    } catch (IOException e) {
      throw SynthkitException.input("cannot read the training file " + file + ": " + e.getMessage(), e);
    }
    return send(Request.post(uri("/files"), headers, form.body(), form.contentType(), timeout),
        "upload " + file.getFileName()).path("id").asText();
  }

  /**
   * Creates a fine-tuning job ({@code POST /fine_tuning/jobs}).
   *
   * @param body model, training_file, suffix, method
   * @return the job object
   */
  @Override
  public JsonNode createJob(ObjectNode body) {
    return send(Request.post(uri("/fine_tuning/jobs"), headers, Json.bytes(body), Request.JSON, timeout),
        "create a fine-tuning job");
  }

  /**
   * Finds a recent job created with a given idempotency key in its metadata ({@code GET /fine_tuning/jobs}, newest
   * first). A run cancelled after the server created a job but before the id was journaled finds that job here instead
   * of paying for a second one.
   *
   * @param key the value of {@code metadata.synthkit_job} the job was created with
   * @return the job, if one of the 100 most recent has the key
   */
  @Override
  public Optional<JsonNode> findJob(String key) {
    JsonNode list = send(Request.get(uri("/fine_tuning/jobs?limit=100"), headers, timeout), "list fine-tuning jobs");
    for (JsonNode job : list.path("data")) {
      if (key.equals(job.path("metadata").path(JOB_KEY).asText(null))) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a job ({@code GET /fine_tuning/jobs/{id}}).
   *
   * @param id the job id
   * @return the job object
   */
  @Override
  public JsonNode job(String id) {
    return send(Request.get(uri("/fine_tuning/jobs/" + id), headers, timeout), "read fine-tuning job " + id);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private JsonNode send(Request request, String what) {
    Retrier.Result<JsonNode> result = retrier.run(() -> attempt(request, what), Retrier.Listener.NONE);
    return switch (result) {
      case Retrier.Result.Success<JsonNode> ok -> ok.value();
      case Retrier.Result.Failure<JsonNode> failed -> throw new EndpointException("gave up trying to " + what + " at "
          + base + " after " + failed.attempts() + " attempts; last error: " + failed.lastError()
          + (failed.refusedWait() == null ? "" : " (" + failed.why() + ")"), failed.status());
    };
  }

  private Outcome<JsonNode> attempt(Request request, String what) throws InterruptedException {
    Response r;
    try {
      r = http.send(request);
    } catch (IOException e) {
      return Outcome.failed("connection failed: " + e.getMessage(), 0);
    }
    if (r.ok()) {
      try {
        return new Outcome.Done<>(Json.MAPPER.readTree(r.body()));
      } catch (IOException e) {
        return Outcome.failed("HTTP " + r.status() + " with a body that is not JSON", r.status());
      }
    }
    String last = ErrorBody.parse(r.body()).line(r.status());
    if (r.status() != 429 && r.status() < 500) {
      throw new EndpointException("could not " + what + " at " + base + " (" + last + ")" + hint(r.status()),
          r.status());
    }
    return new Outcome.Failed<>(last, r.status(), r.retryAfter());
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 -> "; check the proposer's api_key";
      case 404 -> "; does this endpoint serve the fine-tuning API? (OpenAI does; vLLM does not: use the command"
          + " trainer there)";
      default -> "";
    };
  }
}
