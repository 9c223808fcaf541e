package io.synthkit.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import io.synthkit.embed.HashingEmbedder;
import io.synthkit.json.Json;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.run.SimulatedEndpoints;

class PersonaGeneratorTest {

  @TempDir
  Path dir;

  final Map<String, String> prompts = new ConcurrentHashMap<>();
  final Map<String, Integer> requestedCounts = new ConcurrentHashMap<>();
  final Map<String, String> schemas = new ConcurrentHashMap<>();

  static SimResponse people(String... personas) {
    var list = Json.array();
    String[] relations = {"writes", "reads", "needs"};
    for (int i = 0; i < personas.length; i++) {
      list.add(Json.object().put("relation", relations[i % 3]).put("persona", personas[i]));
    }
    return SimResponse.json(Json.object().set("people", list));
  }

  PersonaGenerator.Result generate(Map<String, SimResponse> replies, List<String> texts, int perText) {
    Responder r = req -> {
      prompts.put(req.callKey(), req.lastUser());
      schemas.put(req.callKey(), req.schema().toString());
      requestedCounts.put(req.callKey(), req.schema().path("properties").path("people").path("minItems").asInt());
      return replies.getOrDefault(req.callKey().replaceAll("/repair\\d+$", ""), SimResponse.text("not json"));
    };
    ModelConfig sim = ModelConfig.EMPTY.withEndpoint(ProviderKind.SIMULATED, null);
    try (SimulatedEndpoints sims = SimulatedEndpoints.start(Map.of("default", sim), r);
        Gateway g = Gateway.builder().models(sims.models()).build()) {
      return new PersonaGenerator(g.llm(PersonaGenerator.ROLE), PromptLibrary.defaults(),
          new PersonaGenerator.Options(perText, 0.7, 4_000)).generate(texts, null);
    }
  }

  @Test
  void generate_infersPersonasPerTextAndDropsExactAndNearDuplicates() {
    String nurse = "A night-shift nurse in a rural clinic who keeps a tight family budget for her two children.";
    String teacher = "A retired maths teacher who tutors teenagers in compound interest every Saturday morning.";
    String founder = "A first-time startup founder deciding between paying down debt and hiring a first employee.";
    String student = "A nursing student who works weekends at a pharmacy and is saving for a used car.";
    PersonaGenerator.Result r = generate(Map.of(
        "text/0/personas", people(nurse, teacher, founder),
        "text/1/personas", people("  a NIGHT-SHIFT nurse in a rural clinic who keeps a tight family budget for her two"
            + " children ", "A retired maths teacher who tutors teenagers in compound interest every Sunday morning.",
            student)), List.of("How should I split my paycheck?", "What is compound interest?"), 3);

    assertThat(r.personas()).extracting(PersonaGenerator.GeneratedPersona::persona)
        .containsExactly(nurse, teacher, founder, student);
    assertThat(r.personas()).extracting(PersonaGenerator.GeneratedPersona::source).containsExactly(0, 0, 0, 1);
    assertThat(r.personas().get(1).relation()).isEqualTo("reads");
    assertThat(r.proposed()).isEqualTo(6);
    assertThat(r.exactDuplicates()).isEqualTo(1);
    assertThat(r.nearDuplicates()).isEqualTo(1);
    assertThat(r.failedTexts()).isZero();
    assertThat(prompts.get("text/1/personas")).contains("What is compound interest?", "Describe 3 different persons");
    assertThat(requestedCounts.get("text/0/personas")).isEqualTo(3);
    assertThat(schemas.get("text/0/personas")).contains("[\"writes\",\"reads\",\"needs\"]");
  }

  @Test
  void write_producesAPoolThatPersonaPoolLoads() throws Exception {
    PersonaGenerator.Result r = generate(Map.of("text/0/personas", people("A beekeeper selling honey at markets."),
        "text/1/personas", people("A marine engineer servicing ferry engines.")), List.of("bees", "ships"), 1);
    Path out = dir.resolve("pool/personas.jsonl");
    PersonaGenerator.write(out, r.personas());
    assertThat(Files.readAllLines(out)).hasSize(2).first().asString().contains("\"persona\":\"A beekeeper");
    PersonaPool pool = PersonaPool.load(out, new HashingEmbedder());
    assertThat(pool.topK("ferry engines", 1).get(0).persona()).isEqualTo("A marine engineer servicing ferry engines.");
    assertThat(prompts.get("text/0/personas")).contains("Describe 1 different person who");
  }

  @Test
  void generate_countsTextsWhoseReplyStaysInvalid() {
    PersonaGenerator.Result r = generate(Map.of("text/0/personas", people("A potter glazing mugs.")),
        List.of("clay", "unanswered"), 1);
    assertThat(r.personas()).hasSize(1);
    assertThat(r.failedTexts()).isEqualTo(1);
  }

  @Test
  void readTexts_namesTheItemWithoutTheField() throws Exception {
    Path f = dir.resolve("corpus.jsonl");
    Files.writeString(f, "{\"text\": \"one\"}\n{\"body\": \"two\"}\n");
    assertThatThrownBy(() -> PersonaGenerator.readTexts(f, "text")).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("item 2 has no non-blank string field 'text'");
    Path txt = dir.resolve("lines.txt");
    Files.writeString(txt, "first text\nsecond text\n");
    assertThat(PersonaGenerator.readTexts(txt, "text")).containsExactly("first text", "second text");
  }
}
