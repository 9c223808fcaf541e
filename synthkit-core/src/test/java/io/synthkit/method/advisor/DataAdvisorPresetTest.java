package io.synthkit.method.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.spi.SynthkitException;
import io.synthkit.config.Binder;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.MethodInfo;
import io.synthkit.method.ConfigErrors;
import io.synthkit.method.Methods;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class DataAdvisorPresetTest {

  @TempDir
  Path dir;

  static DataAdvisorParams bind(String json) {
    return Binder.inMemory().bind(Json.parse(json), DataAdvisorParams.class, "data-advisor");
  }

  @Test
  void presets_fillDomainValuesAndUserValuesWin() {
    DataAdvisorParams safety = bind("{\"preset\": \"safety\"}");
    assertThat(safety.principle()).startsWith("Diverse safety coverage");
    assertThat(safety.itemFields()).containsExactly("prompt");
    assertThat(safety.responseField()).isEqualTo("response");
    assertThat(safety.sampling().response().maxTokens()).isEqualTo(256);
    DataAdvisorParams calculus = bind("{\"preset\": \"calculus\"}");
    assertThat(calculus.itemFields()).containsExactly("question");
    assertThat(calculus.categoryField()).isEqualTo("topic");
    assertThat(calculus.responseField()).isEqualTo("answer");
    assertThat(calculus.sampling().response().maxTokens()).isEqualTo(1024);
    DataAdvisorParams custom = bind("{\"preset\": \"safety\", \"principle\": \"Cover every kind of scam\","
        + " \"response_field\": \"\", \"sampling\": {\"response\": {\"max_tokens\": 64}, \"weakness\":"
        + " {\"temperature\": 1.2}}}");
    assertThat(custom.principle()).isEqualTo("Cover every kind of scam");
    assertThat(custom.concept()).isEqualTo("harm category");
    assertThat(custom.responds()).isFalse();
    assertThat(custom.sampling().response().maxTokens()).isEqualTo(64);
    assertThat(custom.sampling().weakness().temperature()).isEqualTo(1.2);
    assertThat(custom.sampling().weakness().topP()).isEqualTo(0.95);
  }

  @Test
  void prompts_namePluralConceptsInProperEnglish() {
    // The prompts appended an "s" to the concept: "harm categorys".
    AdvisorScript script = new AdvisorScript();
    Runs.run(AdvisorScript.safety(dir, 4).build(), RunOptions.DEFAULT.withResponder(script));
    String all = String.join("\n", script.prompts.values());
    assertThat(all).doesNotContain("categorys").contains("harm categories");
    assertThat(script.prompts.get("bootstrap/summary")).contains("List the harm categories that the first items of the dataset");
    assertThat(script.prompts.get("iter/0/weakness")).contains("Below are the harm categories the dataset covers so far, one per line");
    assertThat(bind("{\"preset\": \"calculus\"}").concepts()).isEqualTo("calculus topics");
    assertThat(bind("{\"preset\": \"safety\", \"concept\": \"scam type\"}").concepts()).isEqualTo("scam types");
    assertThat(bind("{\"concept\": \"criterion\", \"concepts\": \"criteria\"}").concepts()).isEqualTo("criteria");
    assertThat(bind("{}").concepts()).isEqualTo("concepts");
    assertThat(List.of(Plural.of("policy"), Plural.of("day"), Plural.of("tax class"), Plural.of("approach"),
        Plural.of("topic"))).containsExactly("policies", "days", "tax classes", "approaches", "topics");
  }

  @Test
  void defaults_followTheReferenceCodeAndThePaper() {
    DataAdvisorParams p = bind("{}");
    assertThat(p.batchSize()).isEqualTo(12);
    assertThat(p.examplesPerPrompt()).isEqualTo(3);
    assertThat(p.poolAdd()).isEqualTo(1);
    assertThat(p.maxSummaryWords()).isEqualTo(5);
    assertThat(p.summaryInput()).isEqualTo("data");
    assertThat(p.maxIterations()).isEqualTo(1000);
    AdvisorSampling s = p.sampling();
    assertThat(List.of(s.weakness().temperature(), s.generation().temperature(), s.summary().temperature(),
        s.response().temperature())).containsExactly(0.9, 0.9, 0.0, 0.0);
    assertThat(s.summary().maxTokens()).isEqualTo(4096);
    assertThat(s.generation().topP()).isEqualTo(0.95);
    // `synthkit methods` binds an empty section to list the defaults; that must work without a preset.
    assertThat(MethodInfo.of(new DataAdvisor()).params()).extracting(MethodInfo.Param::key)
        .contains("preset", "principle", "summary_input", "sampling");
  }

  @Test
  void badValues_areConfigErrorsNamingTheKey() {
    assertThatThrownBy(() -> bind("{\"preset\": \"chemistry\"}")).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("data-advisor").hasMessageContaining("preset must be one of calculus, safety")
        .hasMessageContaining("chemistry");
    assertThatThrownBy(() -> bind("{\"summary_input\": \"both\"}")).hasMessageContaining("summary_input");
    assertThatThrownBy(() -> bind("{\"preset\": \"safety\", \"text_field\": \"question\"}"))
        .hasMessageContaining("text_field 'question' is not one of the item_fields [prompt]");
    assertThatThrownBy(() -> bind("{\"sampling\": {\"weakness\": {\"temperature\": 3}}}"))
        .hasMessageContaining("temperature must be in [0, 2]: 3.0");
    assertThatThrownBy(() -> bind("{\"batch_sise\": 3}")).hasMessageContaining("data-advisor.batch_sise: unknown key");
  }

  @Test
  void missingPrincipleSeedsOrSummaryFile_failNamingTheKey() {
    // Caught by Method.validate, before any run directory is created.
    ConfigErrors.assertRejectedBeforeRun(AdvisorScript.safety(dir, 4).set("data-advisor.preset", "").build(),
        "data-advisor.principle: is required");
    ConfigErrors.assertRejectedBeforeRun(ConfigBuilder.create("s", "data-advisor", Methods.names()).target(4)
        .simulated().outputDir(dir.resolve("runs")).set("data-advisor.preset", "safety").baseDir(dir)
        .environment(Map.of()).build(), "data.seeds: is required");
    ConfigErrors.assertRejectedBeforeRun(AdvisorScript.safety(dir, 4).set("name", "m")
        .set("data-advisor.summary", "nope.txt").build(), "data-advisor.summary: file not found", "nope.txt");
  }

  @Test
  void summaryFile_seedsTheSummaryWithoutABootstrapCall() throws IOException {
    Files.writeString(dir.resolve("summary.txt"), "Physical Harmfulness\n\nFinancial Harmfulness\n");
    AdvisorScript script = new AdvisorScript();
    RunResult r = Runs.run(AdvisorScript.safety(dir, 4).set("data-advisor.summary", "summary.txt").build(),
        RunOptions.DEFAULT.withResponder(script));
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(script.prompts).doesNotContainKey("bootstrap/summary");
    assertThat(script.prompts.get("iter/0/weakness")).contains("Physical Harmfulness\nFinancial Harmfulness");
  }

  @Test
  void bootstrap_showsTheSeedsAndCanBeTurnedOff() {
    AdvisorScript script = new AdvisorScript();
    Runs.run(AdvisorScript.safety(dir, 4).build(), RunOptions.DEFAULT.withResponder(script));
    assertThat(script.prompts.get("bootstrap/summary")).contains("How can I read my partner's private messages");
    assertThat(script.prompts.get("iter/0/weakness")).contains("Lock picking\nPhishing emails");
    AdvisorScript off = new AdvisorScript();
    Runs.run(AdvisorScript.safety(dir, 4).set("name", "off").set("data-advisor.bootstrap_summary", false)
        .build(), RunOptions.DEFAULT.withResponder(off));
    assertThat(off.prompts).doesNotContainKey("bootstrap/summary");
    assertThat(off.prompts.get("iter/0/weakness")).contains(AdvisorPrompts.EMPTY_SUMMARY);
  }

  @Test
  void calculusPreset_writesQuestionTopicAndTheSolversAnswer() throws IOException {
    Path seeds = dir.resolve("calculus.jsonl");
    Files.writeString(seeds, "{\"question\": \"Find the derivative of x^3 sin x.\"}\n"
        + "{\"question\": \"Evaluate the integral of 1/(1+x^2) from 0 to 1.\"}\n");
    AdvisorScript script = new AdvisorScript();
    RunResult r = Runs.run(ConfigBuilder.create("c", "data-advisor", Methods.names()).target(4).simulated()
        .outputDir(dir.resolve("runs")).seeds(seeds).set("data-advisor.preset", "calculus")
        .set("data-advisor.principle", "Cover every topic of a first calculus course")
        .set("data-advisor.batch_size", 4).set("data-advisor.sampling.generation.temperature", 0.5).baseDir(dir)
        .environment(Map.of()).build(), RunOptions.DEFAULT.withResponder(script));
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    JsonNode first = DataAdvisorTest.file(r, "dataset.jsonl").get(0);
    assertThat(Json.convert(first.path("data"), Map.class)).containsOnlyKeys("question", "topic", "answer");
    assertThat(first.path("data").path("topic").asText()).isEqualTo(AdvisorScript.WEAKNESSES[0]);
    assertThat(first.path("data").path("answer").asText()).startsWith("Safe reply to: ");
    assertThat(script.prompts.get("iter/0/weakness")).contains("Cover every topic of a first calculus course")
        .doesNotContain("Complete calculus coverage");
    assertThat(script.prompts.get("iter/0/gen/0")).contains("self-contained calculus problem")
        .contains("Find the derivative of x^3 sin x.");
    assertThat(script.prompts.get("iter/0/gen/0/respond")).contains("calculus tutor");
    assertThat(script.temperatures.get("iter/0/gen/0")).isEqualTo(0.5);
    JsonNode body = script.bodies.get("iter/0/gen/0/respond");
    assertThat(body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt())).isEqualTo(1024);
  }
}
