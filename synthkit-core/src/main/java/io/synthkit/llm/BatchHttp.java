package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.http.HttpTransport;
import io.synthkit.http.Request;
import io.synthkit.http.Response;
import io.synthkit.http.Retrier;
import io.synthkit.http.Retrier.Outcome;
import io.synthkit.http.RetryPolicy;
import io.synthkit.http.Sleeper;
import io.synthkit.json.Json;
import io.synthkit.spi.EndpointException;
import java.io.IOException;
import java.time.Duration;

/**
 * The batch APIs' HTTP calls: few and cheap next to the requests they carry, so each is retried on 429, 5xx and
 * connection errors with exponential backoff (honouring Retry-After); anything else is an {@link EndpointException}.
 * A reply from synthkit's simulator marks the endpoint simulated, as a direct reply does. Never logs keys or bodies.
 */
final class BatchHttp {

  private final HttpTransport http;
  private final Endpoint endpoint;
  private final Retrier retrier;

  BatchHttp(HttpTransport http, Endpoint endpoint, Duration maxRetryAfter) {
    this.http = http;
    this.endpoint = endpoint;
    this.retrier = new Retrier(new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30), false,
        maxRetryAfter), Sleeper.SYSTEM);
  }

  JsonNode json(Request request, String what) {
    try {
      return Json.MAPPER.readTree(bytes(request, what));
    } catch (IOException e) {
      throw new EndpointException("could not " + what + " at " + endpoint.label() + ": the reply is not JSON", 0);
    }
  }

  byte[] bytes(Request request, String what) {
    Retrier.Result<byte[]> result = retrier.run(() -> attempt(request, what), Retrier.Listener.NONE);
    return switch (result) {
      case Retrier.Result.Success<byte[]> ok -> ok.value();
      case Retrier.Result.Failure<byte[]> failed -> throw new EndpointException("gave up trying to " + what + " at "
          + endpoint.label() + " after " + failed.attempts() + " attempts; last error: " + failed.lastError(),
          failed.status());
    };
  }

  private Outcome<byte[]> attempt(Request request, String what) throws InterruptedException {
    Response r;
    try {
      r = http.send(request);
    } catch (IOException e) {
      return Outcome.failed("connection failed: " + e.getMessage(), 0);
    }
    if (r.header(Endpoint.SIMULATED_HEADER) != null) {
      endpoint.markSimulated();
    }
    if (r.ok()) {
      return new Outcome.Done<>(r.body());
    }
    String last = ErrorBody.parse(r.body()).line(r.status());
    if (r.status() != 429 && r.status() < 500) {
      throw new EndpointException("could not " + what + " at " + endpoint.label() + " (" + last + ")", r.status());
    }
    return new Outcome.Failed<>(last, r.status(), r.retryAfter());
  }
}
