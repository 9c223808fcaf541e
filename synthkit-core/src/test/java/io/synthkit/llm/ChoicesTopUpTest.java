package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.http.StubServer;
import io.synthkit.json.Json;
import io.synthkit.spi.Choice;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that returns fewer choices than {@code n} asks for is asked again for the rest, over real HTTP. */
@Timeout(60)
class ChoicesTopUpTest {

  record Pick(@JsonPropertyDescription("a letter") String letter) {}

  private final Map<String, JsonNode> store = new ConcurrentHashMap<>();
  private final ResponseCache cache = new ResponseCache() {
    @Override
    public Optional<ChatResult> get(String key) {
      return Optional.ofNullable(store.get(key)).map(n -> Json.convert(n, ChatResult.class));
    }

    @Override
    public void put(String key, Entry entry) {
      store.put(key, Json.tree(entry.result()));
    }
  };

  /** Like Ollama's OpenAI endpoint: always one choice, whatever n says. */
  private static StubServer ignoringN(AtomicInteger counter) {
    return StubServer.start(r -> Wire.chat("answer " + counter.getAndIncrement()));
  }

  @Test
  void completions_getExactlyN_eachRequestCachedUnderItsOwnKey() {
    AtomicInteger counter = new AtomicInteger();
    try (StubServer server = ignoringN(counter);
        Gateway g = Gateway.builder().model("default", Wire.openAi(server.url()).build()).cache(cache).build()) {
      List<Choice> first = g.llm("default").completions(Prompt.user("q"), 5, "k");
      assertThat(first).extracting(Choice::text).containsExactly("answer 0", "answer 1", "answer 2", "answer 3",
          "answer 4");
      assertThat(server.requests()).extracting(r -> r.headers().get("x-synthkit-call"))
          .containsExactly("k", "k#1", "k#2", "k#3", "k#4");
      assertThat(server.requests()).extracting(r -> r.json().path("n").asInt(1)).containsExactly(5, 4, 3, 2, 1);
      assertThat(store).hasSize(5);

      List<Choice> again = g.llm("default").completions(Prompt.user("q"), 5, "k");
      assertThat(again).isEqualTo(first);
      assertThat(server.requests()).hasSize(5);
      g.llm("default").completions(Prompt.user("other"), 3, "k2");
      assertThat(g.adaptations()).singleElement().satisfies(a -> {
        assertThat(a.param()).isEqualTo("n");
        assertThat(a.fix()).isEqualTo("top_up");
      });
    }
  }

  @Test
  void aServerThatCapsN_isAskedForWhatIsMissing() {
    try (StubServer server = StubServer.start(r -> {
      int n = r.json().path("n").asInt(1);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < Math.min(2, n); i++) {
        texts.add(r.headers().get("x-synthkit-call") + "/" + i);
      }
      return Wire.chat(texts, 10, 5, 0);
    });
        Gateway g = Gateway.builder().model("default", Wire.openAi(server.url()).build()).build()) {
      List<Choice> five = g.llm("default").completions(Prompt.user("q"), 5, "k");
      assertThat(five).extracting(Choice::text).containsExactly("k/0", "k/1", "k#2/0", "k#2/1", "k#4/0");
      assertThat(server.requests()).extracting(r -> r.json().path("n").asInt(1)).containsExactly(5, 3, 1);
      assertThat(g.meter().total().promptTokens()).isEqualTo(30);
    }
  }

  @Test
  void structuredSamples_areToppedUpToo() {
    AtomicInteger counter = new AtomicInteger();
    try (StubServer server = StubServer.start(r -> Wire.chat("{\"letter\": \"" + (char) ('A'
        + counter.getAndIncrement()) + "\"}"));
        Gateway g = Gateway.builder().model("default", Wire.openAi(server.url()).build()).build()) {
      List<Reply<Pick>> picks = g.llm("default").askMany(Prompt.user("q"), Schema.of(Pick.class), Pick.class, 3,
          "k");
      assertThat(picks).extracting(r -> ((Reply.Ok<Pick>) r).value().letter()).containsExactly("A", "B", "C");
    }
  }

  @Test
  void aServerThatRefusesN_getsSingleRequests() {
    AtomicInteger counter = new AtomicInteger();
    try (StubServer server = StubServer.start(r -> r.json().has("n")
        ? Wire.openAiError(400, "'n' must be 1 for this model", null, null)
        : Wire.chat("answer " + counter.getAndIncrement()));
        Gateway g = Gateway.builder().model("default", Wire.openAi(server.url()).build()).build()) {
      assertThat(g.llm("default").completions(Prompt.user("q"), 3, "k")).extracting(Choice::text)
          .containsExactly("answer 0", "answer 1", "answer 2");
      assertThat(server.requests()).hasSize(4); // one refusal, then three single requests without n
      assertThat(g.adaptations()).extracting(Adaptation::param, Adaptation::fix).containsExactly(
          org.assertj.core.groups.Tuple.tuple("n", "drop"), org.assertj.core.groups.Tuple.tuple("n", "top_up"));
    }
  }
}
