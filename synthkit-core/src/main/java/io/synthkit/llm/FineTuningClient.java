package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.FineTuning;
import io.synthkit.spi.SynthkitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * A small client for the OpenAI Files and Fine-tuning APIs (also served by synthkit's simulator): upload a training
 * file, create a job, read a job. Fine-tuning calls are few and slow, so this client simply retries 429, 5xx and
 * connection errors a few times with exponential backoff (honouring Retry-After) and never logs keys or bodies.
 * Thread-safe; close it to release the HTTP client.
 */
final class FineTuningClient implements FineTuning, AutoCloseable {

  private static final int ATTEMPTS = 5;

  private final String base;
  private final String apiKey;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * Creates a client.
   *
   * @param baseUrl the API base, e.g. {@code https://api.openai.com/v1}
   * @param apiKey the key, or {@code null}
   * @param headers extra headers (e.g. {@code OpenAI-Organization}), or {@code null}
   * @param timeout per-request timeout
   */
  FineTuningClient(String baseUrl, String apiKey, Map<String, String> headers, Duration timeout) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.apiKey = apiKey;
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
  }

  /**
   * Uploads a JSONL training file ({@code POST /files}, purpose {@code fine-tune}).
   *
   * @param file the file
   * @return the file id
   */
  @Override
  public String upload(Path file) {
    String boundary = "synthkit-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n--"
          + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
          + "\"\r\nContent-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(Files.readAllBytes(file));
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw SynthkitException.input("cannot read the training file " + file + ": " + e.getMessage(), e);
    }
    HttpRequest.Builder req = request("/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    return send(req, "upload " + file.getFileName()).path("id").asText();
  }

  /**
   * Creates a fine-tuning job ({@code POST /fine_tuning/jobs}).
   *
   * @param body model, training_file, suffix, method
   * @return the job object
   */
  @Override
  public JsonNode createJob(ObjectNode body) {
    return send(request("/fine_tuning/jobs").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), "create a fine-tuning job");
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
  public java.util.Optional<JsonNode> findJob(String key) {
    JsonNode list = send(request("/fine_tuning/jobs?limit=100").GET(), "list fine-tuning jobs");
    for (JsonNode job : list.path("data")) {
      if (key.equals(job.path("metadata").path(JOB_KEY).asText(null))) {
        return java.util.Optional.of(job);
      }
    }
    return java.util.Optional.empty();
  }


  /**
   * Reads a job ({@code GET /fine_tuning/jobs/{id}}).
   *
   * @param id the job id
   * @return the job object
   */
  @Override
  public JsonNode job(String id) {
    return send(request("/fine_tuning/jobs/" + id).GET(), "read fine-tuning job " + id);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    if (base.startsWith("http://")) {
      b.version(HttpClient.Version.HTTP_1_1); // local servers and the simulator do not speak h2c
    }
    if (apiKey != null && !apiKey.isBlank()) {
      b.header("Authorization", "Bearer " + apiKey.strip());
    }
    headers.forEach(b::header);
    return b;
  }

  private JsonNode send(HttpRequest.Builder builder, String what) {
    HttpRequest request = builder.build();
    String last = "";
    int status = 0;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Duration wait = Duration.ofSeconds(1L << (attempt - 1));
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        if (status / 100 == 2) {
          return Json.parse(r.body());
        }
        last = "HTTP " + status + ": " + message(r.body());
        if (status != 429 && status < 500) {
          throw new EndpointException("could not " + what + " at " + base + " (" + last + ")" + hint(status), status);
        }
        wait = r.headers().firstValue("retry-after").map(FineTuningClient::seconds).orElse(wait);
      } catch (IOException e) {
        last = "connection failed: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted during a fine-tuning call");
      }
      if (attempt < ATTEMPTS) {
        sleep(wait);
      }
    }
    throw new EndpointException("gave up trying to " + what + " at " + base + " after " + ATTEMPTS + " attempts; last"
        + " error: " + last, status);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 -> "; check the proposer's api_key";
      case 404 -> "; does this endpoint serve the fine-tuning API? (OpenAI does; vLLM does not: use the command"
          + " trainer there)";
      default -> "";
    };
  }

  private static Duration seconds(String v) {
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(v.strip())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(5);
    }
  }

  private static String message(String body) {
    try {
      JsonNode n = Json.parse(body);
      return n.path("error").path("message").asText(n.path("error").asText(body));
    } catch (RuntimeException e) {
      return body.length() > 300 ? body.substring(0, 300) : body;
    }
  }

  @Override
  public void close() {
    http.close();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for fine-tuning");
    }
  }
}
