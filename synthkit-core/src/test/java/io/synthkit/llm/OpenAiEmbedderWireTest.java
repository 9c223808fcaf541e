package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.http.StubServer;
import io.synthkit.json.Json;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.SynthkitException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embeddings API as OpenAI shapes it, against a stub: batches, order by index, normalising, broken replies. */
class OpenAiEmbedderWireTest {

  /** Answers each input with the vector (3, 4) scaled by its position, listed in reverse order. */
  private static StubServer.Reply reversed(StubServer.Seen req) {
    JsonNode input = req.json().path("input");
    StringBuilder data = new StringBuilder();
    for (int i = input.size() - 1; i >= 0; i--) {
      data.append(data.isEmpty() ? "" : ",").append("{\"index\": ").append(i).append(", \"embedding\": [")
          .append(3 * (i + 1)).append(", ").append(4 * (i + 1)).append("]}");
    }
    return StubServer.Reply.json(200, "{\"data\": [" + data + "], \"usage\": {\"prompt_tokens\": 5}}");
  }

  @Test
  void embed_sendsBatches_andReturnsUnitVectorsInInputOrder() {
    try (StubServer server = StubServer.start(OpenAiEmbedderWireTest::reversed);
        OpenAiEmbedder e = new OpenAiEmbedder(new EmbeddingsConfig("openai", "emb-1", server.url() + "/v1/", null, 2),
            Map.of("OPENAI_API_KEY", "sk-embed-env-key"))) {
      List<float[]> v = e.embed(List.of("a", "", "c"));
      assertThat(v).hasSize(3);
      for (float[] x : v) {
        assertThat(x).containsExactly(0.6f, 0.8f);
      }
      assertThat(server.requests()).hasSize(2);
      StubServer.Seen first = server.requests().get(0);
      assertThat(first.path()).isEqualTo("/v1/embeddings");
      assertThat(first.headers()).containsEntry("authorization", "Bearer sk-embed-env-key");
      assertThat(first.json()).isEqualTo(Json.parse("{\"model\": \"emb-1\", \"input\": [\"a\", \" \"]}"));
      assertThat(server.requests().get(1).json().path("input")).isEqualTo(Json.parse("[\"c\"]"));
      assertThat(e.dimension()).isEqualTo(2);
      assertThat(server.requests()).as("the dimension is known from the last batch").hasSize(2);
      assertThat(e.embed(List.of())).isEmpty();
    }
  }

  @Test
  void dimension_isProbedOnce_whenNothingWasEmbeddedYet() {
    try (StubServer server = StubServer.start(OpenAiEmbedderWireTest::reversed);
        OpenAiEmbedder e = new OpenAiEmbedder(new EmbeddingsConfig("openai", null, null, "sk-embed-key", null),
            Map.of("OPENAI_BASE_URL", server.url()))) {
      assertThat(e.id()).isEqualTo("openai:" + OpenAiEmbedder.DEFAULT_MODEL);
      assertThat(e.dimension()).isEqualTo(2);
      assertThat(e.dimension()).isEqualTo(2);
      assertThat(server.requests()).hasSize(1);
      assertThat(server.requests().get(0).path()).isEqualTo("/embeddings");
      assertThat(server.requests().get(0).json().path("model").asText()).isEqualTo(OpenAiEmbedder.DEFAULT_MODEL);
    }
  }

  @Test
  void brokenReplies_areNamed() {
    for (String[] c : new String[][] {
        {"{\"data\": [{\"index\": 1, \"embedding\": [1]}]}", "has a bad index 1"},
        {"{\"data\": [{\"embedding\": [1]}]}", "has a bad index -1"},
        {"{\"data\": []}", "misses input 0"},
        {"{\"data\": [{\"index\": 0, \"embedding\": [0, 0]}]}", "the embeddings endpoint returned a zero vector"}}) {
      try (StubServer server = StubServer.start(req -> StubServer.Reply.json(200, c[0]));
          OpenAiEmbedder e = new OpenAiEmbedder(new EmbeddingsConfig("openai", "m", server.url(), "sk-embed-key", 8),
              Map.of())) {
        assertThatThrownBy(() -> e.embed(List.of("x"))).as(c[0]).isInstanceOf(SynthkitException.class)
            .hasMessageContaining(c[1]);
      }
    }
    try (StubServer server = StubServer.start(req -> StubServer.Reply.json(200, "{\"data\": [{\"index\": 1,"
        + " \"embedding\": [1]}]}"));
        OpenAiEmbedder e = new OpenAiEmbedder(new EmbeddingsConfig("openai", "m", server.url(), "sk-embed-key", 8),
            Map.of())) {
      assertThatThrownBy(() -> e.embed(List.of("x"))).isInstanceOf(EndpointException.class)
          .hasMessage("the embeddings response from " + server.url() + "/embeddings has a bad index 1");
    }
  }
}
