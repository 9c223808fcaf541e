package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.json.Json;
import io.synthkit.spi.CallFanOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fan-out seen as a batch API: one job per group, each call's answer or failure by its id. */
class FanOutBatchApiTest {

  static BatchApi.Line line(String id) {
    return new BatchApi.Line(id, Json.object().put("model", "m"), "key-" + id);
  }

  @Test
  void aJobSendsItsCallsWithRoleUrlAndKey_andReportsEachAnswer() {
    List<CallFanOut.Call> seen = new ArrayList<>();
    CallFanOut fanOut = fake(calls -> {
      seen.addAll(calls);
      return List.of(new CallFanOut.Answer("a", "{\"ok\": 1}", null, 2, true),
          new CallFanOut.Answer("b", null, "server down", 3, false),
          new CallFanOut.Answer("c", null, null, 0, false),
          new CallFanOut.Answer("d", "not json {", null, 0, true));
    });
    FanOutBatchApi api = new FanOutBatchApi(fanOut, "judge", "http://server/v1");

    String id = api.submit(List.of(line("a"), line("b"), line("c"), line("d")), "intent");
    BatchApi.State state = api.poll(id);
    Map<String, BatchApi.Result> results = api.results(state);

    assertThat(state.ended()).isTrue();
    assertThat(state.status()).isEqualTo("completed");
    assertThat(seen).extracting(CallFanOut.Call::role).containsOnly("judge");
    assertThat(seen).extracting(CallFanOut.Call::url).containsOnly("http://server/v1");
    assertThat(seen).extracting(CallFanOut.Call::key).containsExactly("key-a", "key-b", "key-c", "key-d");
    assertThat(results.get("a")).isEqualTo(new BatchApi.Result(Json.parse("{\"ok\": 1}"), null, 2, true));
    assertThat(results.get("b")).isEqualTo(new BatchApi.Result(null, "server down", 3, false));
    assertThat(results.get("c").error()).isEqualTo("no answer");
    assertThat(results.get("d").body()).isNull();
    assertThat(results.get("d").error()).startsWith("an unreadable answer");
    assertThat(api.find("intent")).as("a fan-out job does not outlive its driver").isEmpty();
  }

  @Test
  void aFanOutThatThrows_endsTheJobFailed_withNoResults_soEveryCallIsSentDirectly() {
    FanOutBatchApi api = new FanOutBatchApi(fake(calls -> {
      throw new IllegalStateException("cluster gone");
    }), "default", "");

    BatchApi.State state = api.poll(api.submit(List.of(line("a")), "i"));

    assertThat(state.ended()).isTrue();
    assertThat(state.status()).isEqualTo("failed");
    assertThat(state.job().path("error").asText()).contains("cluster gone");
    assertThat(api.results(state)).isEmpty();
  }

  @Test
  void anUnknownJob_hasEnded_withNoResults() {
    FanOutBatchApi api = new FanOutBatchApi(fake(calls -> List.of()), "default", "");

    BatchApi.State state = api.poll("fanout-99");

    assertThat(state.ended()).isTrue();
    assertThat(state.status()).isEqualTo("unknown");
    assertThat(api.results(state)).isEmpty();
  }

  @Test
  void jobsGetDistinctIds() {
    FanOutBatchApi api = new FanOutBatchApi(fake(calls -> List.of()), "default", "");
    assertThat(api.submit(List.of(line("a")), "i")).isNotEqualTo(api.submit(List.of(line("b")), "j"));
  }

  interface Answers {
    List<CallFanOut.Answer> send(List<CallFanOut.Call> calls);
  }

  static CallFanOut fake(Answers answers) {
    return new CallFanOut() {
      @Override
      public List<Answer> send(List<Call> calls) {
        return answers.send(calls);
      }

      @Override
      public String describe() {
        return "a fake";
      }
    };
  }
}
