package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.synthkit.json.Json;
import org.junit.jupiter.api.Test;

/** Which 2xx bodies hold no usable answer (a failed attempt) and which are answers, however poor. */
class ReplyProblemTest {

  private final OpenAiAdapter openAi = new OpenAiAdapter();
  private final AnthropicAdapter anthropic = new AnthropicAdapter();

  @Test
  void openAi_bodiesWithoutAnAnswer_areProblems() {
    assertThat(openAi.problem(MissingNode.getInstance())).isEqualTo("an empty body");
    assertThat(openAi.problem(Json.parse("[1]"))).isEqualTo("a body that is not a chat completion");
    assertThat(openAi.problem(Json.parse("{\"choices\": []}"))).isEqualTo("a reply without choices");
    assertThat(openAi.problem(Json.parse("{\"choices\": null}"))).isEqualTo("a reply without choices");
    assertThat(openAi.problem(Json.parse("{\"choices\": [{\"index\": 0}]}"))).isEqualTo("a choice without a message");
    assertThat(openAi.problem(Json.parse("{\"choices\": [{\"message\": {\"content\": null}, \"finish_reason\":"
        + " \"stop\"}]}"))).isEqualTo("a choice without an answer");
  }

  @Test
  void openAi_poorAnswers_areStillAnswers() {
    assertThat(openAi.problem(Json.parse("{\"choices\": [{\"message\": {\"content\": \"\"}}]}"))).isNull();
    assertThat(openAi.problem(Json.parse("{\"choices\": [{\"message\": {\"content\": null, \"refusal\": \"no\"}}]}")))
        .isNull();
    assertThat(openAi.problem(Json.parse("{\"choices\": [{\"message\": {\"content\": null}, \"finish_reason\":"
        + " \"content_filter\"}]}"))).isNull();
    assertThat(openAi.problem(Json.parse("{\"choices\": [{\"message\": {\"content\": null, \"tool_calls\":"
        + " [{\"function\": {\"arguments\": \"{}\"}}]}}]}"))).isNull();
  }

  @Test
  void anthropic_needsAContentArray() {
    assertThat(anthropic.problem(MissingNode.getInstance())).isEqualTo("an empty body");
    assertThat(anthropic.problem(Json.parse("{\"type\": \"message\"}"))).isEqualTo("a reply without content");
    assertThat(anthropic.problem(Json.parse("{\"type\": \"message\", \"content\": []}"))).isNull();
  }
}
