package io.synthkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transport over real loopback HTTP: methods, headers, redirects, multipart, streams and their timeouts. */
class HttpTransportTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void post_sendsHeadersAndBody_andReadsStatusHeadersAndBody() throws Exception {
    try (StubServer server = StubServer.start(r -> StubServer.Reply.json(429, "{\"error\": \"slow down\"}")
        .header("Retry-After", "7"));
        HttpTransport http = new HttpTransport()) {
      Response r = http.send(Request.post(URI.create(server.url() + "/v1/x"), Map.of("X-Test", "yes"),
          "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), Request.JSON, TIMEOUT));
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.ok()).isFalse();
      assertThat(r.text()).contains("slow down");
      assertThat(r.retryAfter()).contains(Duration.ofSeconds(7));
      // Headers are keyed by their lower-case names; Response.header takes any case.
      assertThat(r.headers().get("retry-after")).isEqualTo("7");
      assertThat(r.headers().get("Retry-After")).isNull();
      assertThat(r.header("RETRY-after")).isEqualTo("7");
      assertThat(r.headers()).containsEntry("retry-after", "7");
      StubServer.Seen seen = server.requests().get(0);
      assertThat(seen.method()).isEqualTo("POST");
      assertThat(seen.headers()).containsEntry("x-test", "yes").containsEntry("content-type", "application/json");
      assertThat(seen.json().path("a").asInt()).isEqualTo(1);
    }
  }

  @Test
  void get_followsRedirectsOnlyWhenAsked() throws Exception {
    try (StubServer server = StubServer.start(r -> r.path().startsWith("/old")
        ? new StubServer.Reply(301, Map.of("Location", "/new"), List.of(new StubServer.Chunk(Duration.ZERO,
            new byte[0])))
        : StubServer.Reply.json(200, "{\"at\": \"" + r.path() + "\"}"));
        HttpTransport http = new HttpTransport()) {
      URI old = URI.create(server.url() + "/old");
      assertThat(http.send(Request.get(old, Map.of(), TIMEOUT)).status()).isEqualTo(301);
      Response followed = http.send(Request.get(old, Map.of(), TIMEOUT).followingRedirects());
      assertThat(followed.status()).isEqualTo(200);
      assertThat(followed.text()).contains("/new");
    }
  }

  @Test
  void multipart_uploadsFieldsAndFiles() throws Exception {
    try (StubServer server = StubServer.start(r -> StubServer.Reply.json(200, "{}"));
        HttpTransport http = new HttpTransport()) {
      Multipart form = new Multipart().field("purpose", "fine-tune")
          .file("file", "train.jsonl", "application/jsonl", "{\"x\":1}\n".getBytes(StandardCharsets.UTF_8));
      http.send(Request.post(URI.create(server.url() + "/files"), Map.of(), form.body(), form.contentType(), TIMEOUT));
      StubServer.Seen seen = server.requests().get(0);
      assertThat(seen.headers().get("content-type")).startsWith("multipart/form-data; boundary=synthkit-");
      assertThat(seen.text()).contains("name=\"purpose\"\r\n\r\nfine-tune\r\n",
          "filename=\"train.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n{\"x\":1}\n\r\n").endsWith("--\r\n");
    }
  }

  @Test
  void stream_handsOverLinesAsTheyArrive() throws Exception {
    List<String> lines = List.of("data: one", "", "data: two", "", "data: [DONE]", "");
    try (StubServer server = StubServer.start(r -> StubServer.Reply.sse(Duration.ofMillis(5), lines));
        HttpTransport http = new HttpTransport()) {
      List<String> got = new ArrayList<>();
      Response r = http.stream(Request.post(URI.create(server.url() + "/s"), Map.of(), new byte[0], Request.JSON,
          TIMEOUT), Duration.ofSeconds(5), got::add);
      assertThat(r.status()).isEqualTo(200);
      assertThat(got).containsExactlyElementsOf(lines);
    }
  }

  @Test
  void stream_errorStatus_isReadWhole() throws Exception {
    try (StubServer server = StubServer.start(r -> StubServer.Reply.json(400, "{\"error\": {\"message\": \"no\"}}"));
        HttpTransport http = new HttpTransport()) {
      List<String> got = new ArrayList<>();
      Response r = http.stream(Request.post(URI.create(server.url() + "/s"), Map.of(), new byte[0], Request.JSON,
          TIMEOUT), Duration.ofSeconds(5), got::add);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.text()).contains("no");
      assertThat(got).isEmpty();
    }
  }

  @Test
  void stream_thatGoesSilent_failsWithTheStallTimeout() throws Exception {
    try (StubServer server = StubServer.start(r -> new StubServer.Reply(200, Map.of(), List.of(
        new StubServer.Chunk(Duration.ZERO, "data: first\n\n".getBytes(StandardCharsets.UTF_8)),
        new StubServer.Chunk(Duration.ofSeconds(30), "data: late\n\n".getBytes(StandardCharsets.UTF_8)))));
        HttpTransport http = new HttpTransport()) {
      List<String> got = new ArrayList<>();
      assertThatThrownBy(() -> http.stream(Request.post(URI.create(server.url() + "/s"), Map.of(), new byte[0],
          Request.JSON, TIMEOUT), Duration.ofMillis(300), got::add))
          .isInstanceOf(HttpTimeoutException.class).hasMessage("the stream stalled: no data for 300 ms");
      assertThat(got).startsWith("data: first");
    }
  }

  @Test
  void stream_thatTricklesPastTheTotalTimeout_fails() throws Exception {
    List<String> endless = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      endless.add(": keep-alive " + i);
    }
    try (StubServer server = StubServer.start(r -> StubServer.Reply.sse(Duration.ofMillis(20), endless));
        HttpTransport http = new HttpTransport()) {
      assertThatThrownBy(() -> http.stream(Request.post(URI.create(server.url() + "/s"), Map.of(), new byte[0],
          Request.JSON, Duration.ofMillis(500)), Duration.ofSeconds(5), line -> true))
          .isInstanceOf(HttpTimeoutException.class).hasMessage("the stream did not finish within 500 ms");
    }
  }

  @Test
  void send_noResponseInTime_isATimeout() throws Exception {
    try (StubServer server = StubServer.start(r -> {
      Thread.sleep(3000);
      return StubServer.Reply.json(200, "{}");
    }); HttpTransport http = new HttpTransport()) {
      assertThatThrownBy(() -> http.send(Request.get(URI.create(server.url()), Map.of(), Duration.ofMillis(200))))
          .isInstanceOf(HttpTimeoutException.class).hasMessage("no response within 200 ms");
    }
  }

  @Test
  void send_nobodyListening_isAConnectException() throws Exception {
    String dead;
    try (StubServer server = StubServer.start(r -> StubServer.Reply.json(200, "{}"))) {
      dead = server.url();
    }
    try (HttpTransport http = new HttpTransport()) {
      assertThatThrownBy(() -> http.send(Request.get(URI.create(dead), Map.of(), TIMEOUT)))
          .isExactlyInstanceOf(ConnectException.class);
    }
  }

  @Test
  void noProxy_matchesHostsAndDomains() {
    assertThat(HttpTransport.bypass("api.openai.com", "localhost,.openai.com")).isTrue();
    assertThat(HttpTransport.bypass("openai.com", "openai.com")).isTrue();
    assertThat(HttpTransport.bypass("api.anthropic.com", "localhost,.openai.com")).isFalse();
    assertThat(HttpTransport.bypass("anything", "*")).isTrue();
    assertThat(HttpTransport.bypass("anything", null)).isFalse();
  }
}
