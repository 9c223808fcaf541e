package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import org.junit.jupiter.api.Test;

/** The request fixes an endpoint learns (rename, cap, drop) and the structured-output fallback it remembers. */
class ParamRulesTest {

  @Test
  void fixes_readBackFromTheirSpelling() {
    for (ParamRules.Fix f : new ParamRules.Fix[] {new ParamRules.Rename("max_tokens", "max_completion_tokens"),
        new ParamRules.Cap("max_tokens", 4096), new ParamRules.Drop("top_p")}) {
      assertThat(ParamRules.Fix.parse(f.param(), f.wire())).isEqualTo(f);
    }
    assertThat(new ParamRules.Rename("a", "b").wire()).isEqualTo("rename:b");
    assertThat(new ParamRules.Cap("a", 12).wire()).isEqualTo("cap:12");
    assertThat(new ParamRules.Drop("a").wire()).isEqualTo("drop");
    assertThat(ParamRules.Fix.parse("response_format", "json_object")).isNull();
  }

  @Test
  void reasoningRoom_forEachEffort() {
    assertThat(ParamRules.withReasoningRoom(2000, "minimal")).isEqualTo(2000 + 2000);
    assertThat(ParamRules.withReasoningRoom(2000, "xhigh")).isEqualTo(2000 + 32_000);
    assertThat(ParamRules.withReasoningRoom(2000, "unheard-of")).as("medium").isEqualTo(2000 + 8000);
    assertThat(ParamRules.withReasoningRoom(100, "minimal")).isEqualTo(100 + ParamRules.MIN_REASONING_ROOM);
    assertThat(ParamRules.withReasoningRoom(1024, "minimal")).isEqualTo(2048);
  }

  @Test
  void with_replacesTheFixOfTheSameParameter_andHasSaysWhichIsInForce() {
    ParamRules.Fix cap = new ParamRules.Cap("max_tokens", 100);
    ParamRules.Fix drop = new ParamRules.Drop("max_tokens");
    ParamRules rules = ParamRules.NONE.with(cap);
    assertThat(rules.has(cap)).isTrue();
    assertThat(rules.has(new ParamRules.Cap("max_tokens", 99))).isFalse();
    assertThat(rules.drops("max_tokens")).isFalse();
    ParamRules dropped = rules.with(drop);
    assertThat(dropped.fixes()).hasSize(1);
    assertThat(dropped.has(cap)).isFalse();
    assertThat(dropped.drops("max_tokens")).isTrue();
    assertThat(dropped.drops("top_p")).isFalse();
    assertThat(rules.has(cap)).as("rules are immutable").isTrue();
  }

  @Test
  void apply_renamesThenCapsThenDrops_andLeavesTheBodyAlone() {
    ObjectNode body = Json.object().put("model", "m").put("max_tokens", 9000).put("temperature", 0.5)
        .put("stream", true).put("top_k", 40);
    body.putObject("stream_options").put("include_usage", true);
    String before = Json.write(body);
    assertThat(ParamRules.NONE.apply(body)).isSameAs(body);
    ParamRules rules = ParamRules.NONE.with(new ParamRules.Rename("top_k", "k")).with(new ParamRules.Cap("k", 30))
        .with(new ParamRules.Cap("max_tokens", 4096)).with(new ParamRules.Drop("stream"))
        .with(new ParamRules.Drop("temperature")).with(new ParamRules.Cap("seed", 1))
        .with(new ParamRules.Rename("top_p", "p"));
    ObjectNode sent = rules.apply(body);
    assertThat(Json.write(body)).isEqualTo(before);
    assertThat(sent.path("k").asInt()).as("renamed, then capped under its new name").isEqualTo(30);
    assertThat(sent.has("top_k")).isFalse();
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(4096);
    assertThat(sent.has("temperature")).isFalse();
    assertThat(sent.has("stream")).isFalse();
    assertThat(sent.has("stream_options")).as("goes with stream").isFalse();
    assertThat(sent.has("seed")).as("a cap adds nothing").isFalse();
    assertThat(sent.has("p")).as("a rename of an absent parameter adds nothing").isFalse();
    ObjectNode low = ParamRules.NONE.with(new ParamRules.Cap("max_tokens", 4096))
        .apply(Json.object().put("max_tokens", 4096));
    assertThat(low.path("max_tokens").asInt()).isEqualTo(4096);
  }

  @Test
  void apply_droppingAnotherParameterKeepsStreamOptions_andRenamingToTheCompletionLimitAddsReasoningRoom() {
    ObjectNode body = Json.object().put("stream", true).put("top_p", 1).put("max_tokens", 100)
        .put("reasoning_effort", "none");
    body.putObject("stream_options");
    ObjectNode sent = ParamRules.NONE.with(new ParamRules.Drop("top_p"))
        .with(new ParamRules.Rename("max_tokens", ParamRules.COMPLETION_LIMIT)).apply(body);
    assertThat(sent.has("stream_options")).isTrue();
    assertThat(sent.path(ParamRules.COMPLETION_LIMIT).asInt()).as("effort none: no room").isEqualTo(100);
    ObjectNode text = ParamRules.NONE.with(new ParamRules.Rename("max_tokens", ParamRules.COMPLETION_LIMIT))
        .apply(Json.object().put("max_tokens", "100"));
    assertThat(text.path(ParamRules.COMPLETION_LIMIT).asText()).as("not a number: moved as it is").isEqualTo("100");
    ObjectNode other = ParamRules.NONE.with(new ParamRules.Rename("max_tokens", "max_output_tokens"))
        .apply(Json.object().put("max_tokens", 100));
    assertThat(other.path("max_output_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void learned_fixesAreNewOnce() {
    Learned learned = new Learned();
    ParamRules.Fix drop = new ParamRules.Drop("seed");
    assertThat(learned.learn(drop)).isTrue();
    assertThat(learned.learn(drop)).isFalse();
    assertThat(learned.rules().drops("seed")).isTrue();
  }

  @Test
  void learned_modeOnlyEverFallsDown() {
    Learned learned = new Learned();
    assertThat(learned.mode(StructuredMode.JSON_SCHEMA)).isEqualTo(StructuredMode.JSON_SCHEMA);
    assertThat(learned.fallBack(StructuredMode.JSON_SCHEMA, true))
        .isEqualTo(new Learned.Fallback(StructuredMode.JSON_OBJECT, true));
    assertThat(learned.mode(StructuredMode.TOOL)).isEqualTo(StructuredMode.JSON_OBJECT);
    assertThat(learned.mode(StructuredMode.PROMPT)).isEqualTo(StructuredMode.PROMPT);
    assertThat(learned.mode(StructuredMode.JSON_OBJECT)).isEqualTo(StructuredMode.JSON_OBJECT);
    assertThat(learned.fallBack(StructuredMode.TOOL, true)).as("another call fell back first")
        .isEqualTo(new Learned.Fallback(StructuredMode.JSON_OBJECT, false));
    assertThat(learned.fallBack(StructuredMode.JSON_OBJECT, true))
        .isEqualTo(new Learned.Fallback(StructuredMode.PROMPT, true));
    assertThat(learned.fallBack(StructuredMode.PROMPT, true)).isNull();
    learned.lowerTo(StructuredMode.JSON_OBJECT);
    assertThat(learned.mode(StructuredMode.AUTO)).as("lowerTo never raises").isEqualTo(StructuredMode.PROMPT);
  }

  @Test
  void learned_withoutJsonObject_fallsStraightToPrompt() {
    Learned anthropic = new Learned();
    assertThat(anthropic.fallBack(StructuredMode.TOOL, false))
        .isEqualTo(new Learned.Fallback(StructuredMode.PROMPT, true));
    Learned fresh = new Learned();
    assertThat(fresh.fallBack(StructuredMode.AUTO, true)).isNull();
    assertThat(fresh.mode(StructuredMode.JSON_SCHEMA)).isEqualTo(StructuredMode.JSON_SCHEMA);
    fresh.lowerTo(StructuredMode.JSON_OBJECT);
    assertThat(fresh.mode(StructuredMode.JSON_SCHEMA)).isEqualTo(StructuredMode.JSON_OBJECT);
    fresh.lowerTo(StructuredMode.JSON_OBJECT);
    fresh.lowerTo(StructuredMode.TOOL);
    assertThat(fresh.mode(StructuredMode.JSON_SCHEMA)).isEqualTo(StructuredMode.JSON_OBJECT);
    assertThat(fresh.fallBack(StructuredMode.JSON_OBJECT, true))
        .isEqualTo(new Learned.Fallback(StructuredMode.PROMPT, true));
  }

  @Test
  void adaptations_describeEachKindOfFixInWords() {
    assertThat(new Adaptation("openai", "o3", "max_tokens", "rename:max_completion_tokens", "HTTP 400", "e").describe())
        .isEqualTo("e: the server rejected max_tokens; sending max_completion_tokens instead from now on (HTTP 400)");
    assertThat(new Adaptation("openai", "o3", "max_tokens", "cap:4096", "r", "e").describe())
        .isEqualTo("e: the server limits max_tokens; sending at most 4096 from now on (r)");
    assertThat(new Adaptation("openai", "o3", "top_p", "drop", "r", "e").describe())
        .isEqualTo("e: the server rejected top_p; leaving it out from now on (the server's default applies) (r)");
    assertThat(new Adaptation("openai", "o3", "response_format", "mode:json_object", "r", "e").describe())
        .isEqualTo("e: the server rejected structured output through response_format; using structured_output"
            + " json_object from now on (r)");
    assertThat(new Adaptation("openai", "o3", "n", "top_up", "r", "e").describe())
        .isEqualTo("e: the server returns fewer choices than n asks for; asking again for the rest (r)");
  }
}
