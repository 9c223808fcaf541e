package io.synthkit.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.json.Json;
import io.synthkit.spi.CallFailedException;
import io.synthkit.spi.ContextLengthException;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.InvalidReplyException;
import io.synthkit.spi.Rejection;
import org.junit.jupiter.api.Test;

class AttemptTest {

  @Test
  void ok_holdsTheValue() {
    Attempt<String> a = Attempt.of(() -> "done");
    assertThat(a.failed()).isFalse();
    assertThat(a.value()).isEqualTo("done");
  }

  @Test
  void itemFailures_becomeRejectionsUnderTheirStep() {
    Attempt<String> context = Attempt.of(() -> {
      throw new ContextLengthException("HTTP 400: maximum context length is 8192 tokens");
    });
    assertThat(context.failed()).isTrue();
    Rejection r = context.rejection("k/1", Json.object().put("q", "x"), Json.object().put("iteration", 2));
    assertThat(r).isEqualTo(new Rejection("k/1", "context_length", "HTTP 400: maximum context length is 8192 tokens",
        Json.object().put("q", "x"), null, Json.object().put("iteration", 2)));

    Attempt<String> retries = Attempt.of(() -> {
      throw new CallFailedException("openai:gpt", 5, "HTTP 503: overloaded");
    });
    assertThat(retries.rejection("k/2", null, null).step()).isEqualTo("call_failed");
    assertThat(retries.rejection("k/2", null, null).reason()).contains("after 5 attempts", "HTTP 503: overloaded");

    Attempt<String> invalid = Attempt.of(() -> {
      throw new InvalidReplyException("schema: /answer: integer expected", "{\"answer\": \"x\"}");
    });
    assertThat(invalid.rejection("k/3", null, null)).isEqualTo(new Rejection("k/3", "parse",
        "schema: /answer: integer expected", null, "{\"answer\": \"x\"}", null));
  }

  @Test
  void otherFailures_propagate() {
    assertThatThrownBy(() -> Attempt.of(() -> {
      throw new EndpointException("authentication failed", 401);
    })).isInstanceOf(EndpointException.class);
    assertThatThrownBy(() -> Attempt.of(() -> {
      throw new IllegalStateException("bug");
    })).isInstanceOf(IllegalStateException.class);
  }
}
