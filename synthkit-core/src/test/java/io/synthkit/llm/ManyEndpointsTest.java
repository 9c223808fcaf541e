package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.http.Circuit;
import io.synthkit.http.StubServer;
import io.synthkit.sim.FaultFront;
import io.synthkit.sim.Simulator;
import io.synthkit.spi.CallFailedException;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A role with several servers ({@code base_urls}) spreads its calls over them, each with its own limits. */
@Timeout(120)
class ManyEndpointsTest {

  private static ModelConfig.Builder over(String... urls) {
    // A model the simulator serves without refusing parameters, so that each call is one request.
    return Wire.openAi(null).model("gpt-4o-mini").baseUrls(List.of(urls));
  }

  /** Sends {@code n} calls at once and returns their replies, in order. */
  private static List<String> concurrently(Gateway g, int n) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String key = "k" + i;
        replies.add(pool.submit(() -> g.llm("default").text(Prompt.user("q " + key), key)));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : replies) {
        out.add(f.get());
      }
      return out;
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> servers(Gateway g) {
    return (List<Map<String, Object>>) g.describeRoles().get("default").get("endpoints");
  }

  @Test
  void callsSpreadOverTwoServers_andTheCacheDoesNotCareWhichAnswered() throws Exception {
    Map<String, ChatResult> stored = new ConcurrentHashMap<>();
    ResponseCache cache = new ResponseCache() {
      @Override
      public Optional<ChatResult> get(String key) {
        return Optional.ofNullable(stored.get(key));
      }

      @Override
      public void put(String key, Entry entry) {
        stored.put(key, entry.result());
      }
    };
    try (Simulator a = Simulator.start(null); Simulator b = Simulator.start(null)) {
      List<String> first;
      try (Gateway g = Gateway.builder().model("default", over(a.baseUrl(), b.baseUrl()).maxConcurrency(4).build())
          .cache(cache).build()) {
        first = concurrently(g, 40);
        assertThat(a.requests()).as("each server gets a share").isPositive();
        assertThat(b.requests()).isPositive();
        assertThat(a.requests() + b.requests()).isEqualTo(40);
        assertThat(g.meter().total().calls()).isEqualTo(40);
        assertThat(g.simulated()).isTrue();
        List<Map<String, Object>> servers = servers(g);
        assertThat(servers).extracting(s -> s.get("url")).containsExactly(a.baseUrl(), b.baseUrl());
        assertThat(servers).extracting(s -> s.get("calls")).containsExactly(a.requests(), b.requests());
        assertThat(servers).extracting(s -> s.get("state")).containsOnly("closed");
      }
      // The same work over the servers in the other order (or over one of them) is answered from the cache.
      try (Gateway g = Gateway.builder().model("default", over(b.baseUrl(), a.baseUrl()).build()).cache(cache)
          .build()) {
        assertThat(concurrently(g, 40)).isEqualTo(first);
        assertThat(g.meter().total().cacheHits()).isEqualTo(40);
      }
      try (Gateway g = Gateway.builder().model("default", over(b.baseUrl()).build()).cache(cache).build()) {
        assertThat(concurrently(g, 40)).isEqualTo(first);
      }
      assertThat(a.requests() + b.requests()).as("no request was sent twice").isEqualTo(40);
    }
  }

  @Test
  void eachServerKeepsItsOwnConcurrencyLimit() throws Exception {
    int limit = 2;
    List<AtomicInteger> now = List.of(new AtomicInteger(), new AtomicInteger());
    List<AtomicInteger> peak = List.of(new AtomicInteger(), new AtomicInteger());
    List<StubServer> stubs = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        int s = i;
        stubs.add(StubServer.start(r -> {
          peak.get(s).accumulateAndGet(now.get(s).incrementAndGet(), Math::max);
          try {
            Thread.sleep(30); // hold the request so that the calls queued behind it pile up
          } finally {
            now.get(s).decrementAndGet();
          }
          return Wire.chat("ok");
        }));
      }
      try (Gateway g = Gateway.builder().model("default", over(stubs.get(0).url(), stubs.get(1).url())
          .maxConcurrency(limit).build()).build()) {
        assertThat(concurrently(g, 24)).containsOnly("ok");
        assertThat(g.concurrencyLimit()).as("the progress line's limit is the sum").isLessThanOrEqualTo(2 * limit);
      }
      assertThat(peak).extracting(AtomicInteger::get).allSatisfy(p -> assertThat(p).isBetween(1, limit));
      assertThat(stubs.get(0).requests().size() + stubs.get(1).requests().size()).isEqualTo(24);
    } finally {
      stubs.forEach(StubServer::close);
    }
  }

  @Test
  void oneServerDown_everyCallSucceedsOnTheOther_andUsageCountsEveryRequest() {
    try (StubServer down = StubServer.start(r -> Wire.openAiError(500, "The server had an error", null, null));
        Simulator up = Simulator.start(null);
        Gateway g = Gateway.builder().model("default", over(down.url(), up.baseUrl()).maxRetries(0).build())
            .build()) {
      for (int i = 0; i < 30; i++) {
        assertThat(g.llm("default").text(Prompt.user("q"), "k" + i)).isNotBlank();
      }
      Usage u = g.meter().total();
      assertThat(u.calls()).isEqualTo(30);
      assertThat(up.requests()).isEqualTo(30);
      // Five failed calls in a row open the dead server's circuit; the fifth goes once more as the probe, which
      // finds it down: no call is sent there after that.
      assertThat(down.requests()).hasSize(Circuit.TRIP_AFTER + 1);
      assertThat(u.failures()).isEqualTo(down.requests().size());
      assertThat(u.calls() + u.retries() + u.failures()).isEqualTo(down.requests().size() + up.requests());
      assertThat(servers(g)).extracting(s -> s.get("state")).containsExactly("down", "closed");
      // Counted per call: the fifth failed call was sent twice (once as the probe).
      assertThat(servers(g)).extracting(s -> s.get("failed")).containsExactly((long) Circuit.TRIP_AFTER, 0L);
    }
  }

  @Test
  void allServersDown_stopTheRun_withExit3() {
    try (StubServer a = StubServer.start(r -> Wire.openAiError(503, "overloaded", null, null));
        StubServer b = StubServer.start(r -> Wire.openAiError(500, "The server had an error", null, null));
        Gateway g = Gateway.builder().model("default", over(a.url(), b.url()).maxRetries(0).build()).build()) {
      EndpointException stopped = null;
      int failedItems = 0;
      for (int i = 0; i < 20 && stopped == null; i++) {
        try {
          g.llm("default").text(Prompt.user("q"), "k" + i);
        } catch (CallFailedException e) {
          failedItems++; // both servers failed this call; neither is down yet
        } catch (EndpointException e) {
          stopped = e;
        }
      }
      assertThat(stopped).isNotNull();
      assertThat(stopped.exitCode()).isEqualTo(3);
      assertThat(stopped).hasMessageContaining("all 2 servers of gpt-4o-mini are down (" + a.url() + ", " + b.url())
          .hasMessageContaining("looks down");
      assertThat(failedItems).isPositive();
      int sent = a.requests().size() + b.requests().size();
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("q"), "later")).isInstanceOf(EndpointException.class)
          .hasMessageContaining("all 2 servers");
      assertThat(a.requests().size() + b.requests().size()).as("nothing is sent once all are down").isEqualTo(sent);
      Usage u = g.meter().total();
      assertThat(u.calls() + u.retries() + u.failures()).isEqualTo(sent);
    }
  }

  @Test
  void aServerRefusingTheKey_stopsTheRun_insteadOfHandingTheCallOn() {
    try (StubServer refuses = StubServer.start(r -> Wire.openAiError(401, "Incorrect API key provided", null, null));
        Simulator up = Simulator.start(null);
        Gateway g = Gateway.builder().model("default", over(refuses.url(), up.baseUrl()).build()).build()) {
      // The first call goes to the first server (ties start there): a wrong key is the config's mistake.
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("q"), "k"))
          .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
          .hasMessageContaining("authentication failed");
      assertThat(up.requests()).isZero();
    }
  }

  @Test
  void aParameterOneServerRefused_isNotSentToTheOthers() {
    try (Simulator a = Simulator.start(null); Simulator b = Simulator.start(null);
        Gateway g = Gateway.builder().model("default", over(a.baseUrl(), b.baseUrl()).model("gpt-5-mini").build())
            .build()) {
      for (int i = 0; i < 10; i++) {
        g.llm("default").text(Prompt.user("q"), "k" + i);
      }
      // A reasoning model refuses max_tokens and temperature: the first call learns both (two refused requests);
      // the calls that go to the other server send the fixed request at once.
      assertThat(a.requests() + b.requests()).isEqualTo(12);
      assertThat(b.requests()).isPositive();
      assertThat(g.adaptations()).hasSize(2);
    }
  }

  @Test
  void startingAt_rotatesTheServers_soTheFirstCallGoesElsewhere() {
    try (Simulator a = Simulator.start(null); Simulator b = Simulator.start(null);
        Gateway g = Gateway.builder().model("default", over(a.baseUrl(), b.baseUrl()).build().startingAt(1))
            .build()) {
      g.llm("default").text(Prompt.user("q"), "k");
      assertThat(b.requests()).isEqualTo(1);
      assertThat(a.requests()).isZero();
      assertThat(g.llm("default").baseUrl()).isEqualTo(b.baseUrl());
    }
    ModelConfig three = over("http://a/v1", "http://b/v1", "http://c/v1").build();
    assertThat(three.startingAt(4).baseUrls()).containsExactly("http://b/v1", "http://c/v1", "http://a/v1");
    assertThat(three.startingAt(-1).baseUrls()).containsExactly("http://c/v1", "http://a/v1", "http://b/v1");
    assertThat(three.withBaseUrls(List.of("http://c/v1")).endpointUrls()).containsExactly("http://c/v1");
  }

  @Test
  void aRoleSettingEitherUrlKey_replacesBothOfTheDefault() {
    ModelConfig def = over("http://a/v1", "http://b/v1").build();
    ModelConfig one = Wire.openAi("http://c/v1").build();
    assertThat(one.over(def).endpointUrls()).containsExactly("http://c/v1");
    assertThat(one.over(def).baseUrls()).isNull();
    assertThat(def.over(one).baseUrl()).isNull();
    assertThat(ModelConfig.EMPTY.over(def).baseUrls()).containsExactly("http://a/v1", "http://b/v1");
    assertThat(def.withEndpoint(ProviderKind.SIMULATED, null).baseUrls()).as("pointed at one server").isNull();
  }

  @Test
  void configMistakes_areNamed() {
    assertThatThrownBy(() -> over("http://a/v1").baseUrl("http://b/v1").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("base_url and base_urls are both set; use base_url"
            + " for one server or base_urls for several");
    assertThatThrownBy(() -> over().build()).hasMessage("base_urls is empty; list at least one URL (or use base_url)");
    assertThatThrownBy(() -> over("http://a/v1", " ").build()).hasMessage("base_urls[1] is empty");
    assertThatThrownBy(() -> over("http://a/v1", "ftp://u:pw-in-url-77@b/v1").build())
        .hasMessage("base_urls[1] must start with http:// or https://: ftp://<redacted>@b/v1");
    assertThatThrownBy(() -> over("http://a/v1", "http://a/v1/").build())
        .hasMessage("base_urls lists http://a/v1/ twice");
    ModelConfig batched = new ModelConfig(ProviderKind.OPENAI, null, "sk-test", "m", null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, true,
        null, null, null, null, List.of("http://a/v1", "http://b/v1"));
    assertThatThrownBy(() -> Gateway.builder().model("default", batched).build())
        .isInstanceOfSatisfying(SynthkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessage("models.default: batch: true sends through one server's batch API, but base_urls lists 2 servers;"
            + " use base_url (or drop batch) for this role");
  }

  @Test
  void theUpFrontCheck_triesEveryServer_andNamesTheOneWhereNothingAnswers() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (Simulator up = Simulator.start(null)) {
      ModelConfig both = over(up.baseUrl(), "http://127.0.0.1:" + closed + "/v1").build();
      assertThatThrownBy(() -> EndpointCheck.check(Map.of("default", both)))
          .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
          .hasMessageContaining("nothing answers at http://127.0.0.1:" + closed + "/v1 (connection refused); check"
              + " models.default.base_urls[1]");
      EndpointCheck.check(Map.of("default", over(up.baseUrl()).build()));
    }
  }
  @Test
  void aCallThatFailsOnAWorkingServer_whileTheOtherIsFoundDown_failsOnlyItsItem() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger deadSeen = new AtomicInteger();
    // The dead server holds its probe (the request after the failures that open its circuit) until the test says.
    try (StubServer dead = StubServer.start(r -> {
      if (deadSeen.incrementAndGet() > Circuit.TRIP_AFTER) {
        release.await();
      }
      return Wire.openAiError(500, "The server had an error", null, null);
    });
        FaultFront flaky = FaultFront.start(r -> null);
        Gateway g = Gateway.builder().model("default", over(flaky.baseUrl(), dead.url()).maxRetries(0).build())
            .build();
        ExecutorService threads = Executors.newCachedThreadPool()) {
      // Calls that meet the dead server first move on to the working one, until the dead one's circuit opens and a
      // call probes it (held).
      int i = 0;
      while (deadSeen.get() <= Circuit.TRIP_AFTER) {
        String key = "k" + i++;
        Future<String> call = threads.submit(() -> g.llm("default").text(Prompt.user("q"), key));
        while (!call.isDone() && deadSeen.get() <= Circuit.TRIP_AFTER) {
          Thread.onSpinWait();
        }
      }
      assertThat(servers(g)).extracting(s -> s.get("state")).containsExactly("closed", "probing");
      // Now the working server fails a call. The call then waits for the dead server's probe, which finds it down:
      // the call has failed on both, but one server still works, so only its item fails; the run must not stop.
      flaky.script(r -> FaultFront.Raw.json(503, "{\"error\": {\"message\": \"overloaded\"}}"));
      AtomicReference<Thread> caller = new AtomicReference<>();
      String key = "k" + i++;
      Future<String> call = threads.submit(() -> {
        caller.set(Thread.currentThread());
        return g.llm("default").text(Prompt.user("q"), key);
      });
      while (caller.get() == null || !waitsForTheProbe(caller.get())) {
        Thread.onSpinWait();
      }
      release.countDown();
      assertThatThrownBy(call::get).hasCauseInstanceOf(CallFailedException.class);
      assertThat(servers(g)).extracting(s -> s.get("state")).containsExactly("closed", "down");
      flaky.script(null);
      assertThat(g.llm("default").text(Prompt.user("q"), "k" + i)).isNotBlank();
    }
  }

  private static boolean waitsForTheProbe(Thread t) {
    for (StackTraceElement f : t.getStackTrace()) {
      if (f.getClassName().equals(Circuit.Call.class.getName()) && f.getMethodName().equals("admit")) {
        return t.getState() == Thread.State.WAITING;
      }
    }
    return false;
  }
}
