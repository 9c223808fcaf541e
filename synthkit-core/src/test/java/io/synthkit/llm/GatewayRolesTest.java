package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.Sampling;
import io.synthkit.spi.SynthkitException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles as the gateway builds them from the config, before any call: fallbacks, shared endpoints, config errors. */
class GatewayRolesTest {

  private static ModelConfig.Builder local(String model) {
    return ModelConfig.openAi("http://127.0.0.1:9/v1", model).apiKey("sk-roles-test-key");
  }

  @Test
  void configMistakes_nameTheRoleAndTheKey() {
    assertThatThrownBy(() -> Gateway.builder().model("judge", local("m").build()).build())
        .isInstanceOfSatisfying(SynthkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessage("models.default is required (the role every other role falls back to)");
    assertThatThrownBy(() -> Gateway.builder().model("default", ModelConfig.EMPTY).build())
        .hasMessage("models.default.provider is required: openai, anthropic or simulated");
    assertThatThrownBy(() -> Gateway.builder().model("default", ModelConfig.openAi(null, " ").build()).build())
        .hasMessage("models.default.model is required for provider openai");
    assertThatThrownBy(() -> Gateway.builder().model("default", ModelConfig.simulated().build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("models.default: provider simulated needs the simulator's base_url");
    assertThatThrownBy(() -> Gateway.builder().model("default", local("m").build())
        .model("judge", ModelConfig.anthropic("", "sk-ant-roles-key").build()).build())
        .hasMessage("models.judge.model is required for provider anthropic");
    assertThatThrownBy(() -> Gateway.builder().model("default", local("m").build()).model("default", local("n")
        .build())).hasMessage("role was already set: default");
  }

  @Test
  void roles_fallBackToTheDefault_andShareItsEndpointWhenTheySendTheSame() {
    try (Gateway g = Gateway.builder().models(Map.of("default", local("m").maxConcurrency(3).build(),
        "judge", ModelConfig.EMPTY, "critic", ModelConfig.openAi(null, "m2").build())).build()) {
      assertThat(g.llm("judge").model()).isEqualTo("m");
      assertThat(g.llm("judge").role()).isEqualTo("judge");
      assertThat(g.llm("judge").baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
      assertThat(g.llm("unlisted").model()).as("a role not in the config is the default").isEqualTo("m");
      assertThat(g.llm("critic").model()).isEqualTo("m2");
      assertThat(g.llm("judge").simulated()).isFalse();
      assertThat(g.simulated()).isFalse();
      assertThat(g.concurrencyLimit()).as("default and judge share one endpoint of 3; critic has its own of 3")
          .isEqualTo(6);
      assertThat(g.describeRoles()).containsOnlyKeys("critic", "default", "judge", "unlisted");
      assertThat(g.describeRoles().keySet()).containsExactly("critic", "default", "judge", "unlisted");
      assertThat(g.describeRoles().get("critic")).isEqualTo(Map.of("model", "m2", "simulated", false));
      assertThat(g.llm("judge")).isSameAs(g.llm("judge"));
      assertThat(g.adaptations()).isEmpty();
    }
  }

  @Test
  void describeRoles_listsEachReplica() {
    ModelConfig two = ModelConfig.openAi(null, "m").apiKey("sk-roles-test-key")
        .baseUrls(List.of("http://127.0.0.1:9/v1", "http://127.0.0.1:10/v1")).build();
    try (Gateway g = Gateway.builder().model("default", two).build()) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> servers = (List<Map<String, Object>>) g.describeRoles().get("default")
          .get("endpoints");
      assertThat(servers).hasSize(2);
      assertThat(servers.get(0)).containsEntry("calls", 0L).containsEntry("failed", 0L).containsEntry("state",
          "closed").containsKey("url");
      assertThat(servers.get(0).get("url").toString()).contains("127.0.0.1:9");
      assertThat(servers.get(1).get("url").toString()).contains("127.0.0.1:10");
    }
  }

  @Test
  void simulatedRoles_speakOpenAiToTheSimulator() {
    ModelConfig sim = ModelConfig.simulated().baseUrl("http://127.0.0.1:9/v1").model("sim-1").build();
    try (Gateway g = Gateway.builder().model("default", sim).build()) {
      assertThat(g.llm("default").simulated()).isTrue();
      assertThat(g.simulated()).isTrue();
      assertThat(g.llm("default").model()).isEqualTo("sim-1");
    }
  }

  @Test
  void fineTuning_needsAnOpenAiCompatibleRole_andIsOneClientPerRole() {
    try (Gateway g = Gateway.builder().model("default", local("m").build())
        .model("judge", ModelConfig.anthropic("claude-x", "sk-ant-roles-key").build()).build()) {
      assertThat(g.fineTuning("default")).isSameAs(g.fineTuning("default"));
      assertThatThrownBy(() -> g.fineTuning("judge")).isInstanceOf(SynthkitException.class)
          .hasMessage("models.judge: fine-tuning needs an OpenAI-compatible endpoint; this role uses provider"
              + " anthropic");
    }
  }

  @Test
  void adaptationsLearnedEarlier_areKept_andStageAndSamplingMakeNewHandles() {
    Adaptation earlier = new Adaptation("openai", "m", "top_p", "drop", "HTTP 400", "openai:m at x");
    try (Gateway g = Gateway.builder().model("default", local("m").temperature(0.5).build())
        .learned(List.of(earlier)).build()) {
      assertThat(g.adaptations()).containsExactly(earlier);
      GatewayLlm l = g.llm("default");
      assertThat(l.sampling().temperature()).isEqualTo(0.5);
      GatewayLlm hot = l.with(new Sampling(1.5, null, null, null, null));
      assertThat(hot.sampling().temperature()).isEqualTo(1.5);
      assertThat(l.sampling().temperature()).isEqualTo(0.5);
      assertThat(l.stage("draft").model()).isEqualTo("m");
      assertThat(l.withModel("m9").model()).isEqualTo("m9");
      assertThat(l.withModel("m9", null).model()).isEqualTo("m9");
      assertThat(l.withModel("m9", "http://127.0.0.1:9/v1").baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
      GatewayLlm elsewhere = l.withModel("m9", "http://127.0.0.1:11/v1");
      assertThat(elsewhere.baseUrl()).isEqualTo("http://127.0.0.1:11/v1");
      assertThat(elsewhere.model()).isEqualTo("m9");
      assertThat(elsewhere.sampling().temperature()).isEqualTo(0.5);
    }
  }
}
