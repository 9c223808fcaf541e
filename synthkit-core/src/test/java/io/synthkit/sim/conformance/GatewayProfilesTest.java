package io.synthkit.sim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.llm.Gateway;
import io.synthkit.llm.ModelConfig;
import io.synthkit.spi.Prompt;
import io.synthkit.llm.ProviderKind;
import io.synthkit.llm.StructuredMode;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * synthkit's own gateway against the strict simulator's profiles: it must keep working against each of them the way
 * it works against the real servers they model (re-encoding for reasoning models, downgrading structured output for
 * servers without json_schema, one reply at a time for Ollama).
 */
class GatewayProfilesTest {

  static Simulator sim;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.DEFAULT);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  record Verdict(String reason, boolean correct) {}

  static ModelConfig model(String id, StructuredMode mode, Integer maxTokens) {
    return new ModelConfig(ProviderKind.OPENAI, sim.baseUrl(), "sk-gateway", id, null, null, maxTokens, null, null, 4,
        null, null, 10, 1, 1, mode, null, null, null, null, null, null, null, null, null);
  }

  static Verdict ask(ModelConfig config) {
    try (Gateway g = Gateway.builder().model("default", config).build()) {
      return g.llm("default").ask(Prompt.of("You grade answers.", "Is 2+2=4?"), Verdict.class, "k");
    }
  }

  @Test
  void everyStructuredMode_worksAgainstTheDefaultProfile() {
    for (StructuredMode mode : StructuredMode.values()) {
      assertThat(ask(model("gpt-4o-mini", mode, 512)).reason()).as("%s", mode).isNotBlank();
    }
  }

  @Test
  void reasoningModel_isReEncodedWithMaxCompletionTokens() {
    assertThat(ask(model("o4-mini", StructuredMode.AUTO, 4096)).reason()).isNotBlank();
  }

  @Test
  void serverWithoutJsonSchema_isDowngradedInAutoMode() {
    assertThat(ask(model("no-json-schema/Qwen2.5-7B", StructuredMode.AUTO, 512)).reason()).isNotBlank();
  }

  @Test
  void ollama_ignoresN_soTheGatewaySamplesTheRestOneCallAtATime() {
    long before = sim.requests();
    try (Gateway g = Gateway.builder().model("default", model("llama3.1:8b", StructuredMode.AUTO, 512)).build()) {
      var replies = g.llm("default").askMany(Prompt.user("Is 2+2=4?"), io.synthkit.spi.Schema.of(Verdict.class),
          Verdict.class, 3, "k");
      assertThat(replies).hasSize(3).allMatch(r -> r instanceof io.synthkit.spi.Reply.Ok);
    }
    assertThat(sim.requests() - before).isEqualTo(3);
  }
}
