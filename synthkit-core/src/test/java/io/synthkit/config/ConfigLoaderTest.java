package io.synthkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import io.synthkit.json.Json;
import io.synthkit.llm.ProviderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  static final Set<String> METHODS = Set.of("self-instruct", "data-advisor");

  Path write(String yaml) throws IOException {
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  RunConfig load(String yaml, Map<String, String> env, String... sets) throws IOException {
    return ConfigLoader.load(write(yaml), List.of(sets), env, METHODS);
  }

  @Test
  void load_yamlSyntaxError_pointsAtLineAndColumn() throws IOException {
    Path f = write("method: self-instruct\ntarget: 3\n  models: a: b\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of(), Map.of(), METHODS))
        .hasMessageStartingWith(f.getFileName() + ":3:")
        .hasMessageContaining("not valid YAML: mapping values are not allowed here")
        .hasMessageContaining("\n    models: a: b\n")
        .hasMessageContaining("put the nested keys on their own");
    Path tab = write("method: self-instruct\n\ttarget: 3\n");
    assertThatThrownBy(() -> ConfigLoader.load(tab, List.of(), Map.of(), METHODS))
        .hasMessageStartingWith(tab.getFileName() + ":2:").hasMessageContaining("indent with spaces");
    Path open = write("method: self-instruct\ntarget: 3\ndata: {constraints: [a, b}\n");
    assertThatThrownBy(() -> ConfigLoader.load(open, List.of(), Map.of(), METHODS))
        .hasMessageStartingWith(open.getFileName() + ":3:").hasMessageContaining("not closed");
  }

  @Test
  void load_acceptsAByteOrderMark() throws IOException {
    RunConfig c = load("\uFEFFmethod: self-instruct\ntarget: 3\nmodels: {default: {provider: simulated}}\n",
        Map.of());
    assertThat(c.target()).isEqualTo(3);
  }

  @Test
  void load_interpolatesEnvironmentAndDefaults() throws IOException {
    RunConfig c = load("""
        method: self-instruct
        target: 10
        models:
          default:
            provider: openai
            base_url: ${BASE:-http://localhost:8000/v1}
            api_key: ${KEY}
            model: m
        """, Map.of("KEY", "sk-secret-123"));
    assertThat(c.models().get("default").apiKey()).isEqualTo("sk-secret-123");
    assertThat(c.models().get("default").baseUrl()).isEqualTo("http://localhost:8000/v1");
    assertThat(c.name()).isEqualTo("run");
    assertThat(c.seed()).isEqualTo(42);
  }

  @Test
  void load_missingVariableNamesKeyAndLine() throws IOException {
    assertThatThrownBy(() -> load("""
        method: self-instruct
        target: 10
        models:
          default:
            provider: openai
            api_key: ${NOPE}
        """, Map.of()))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("run.yaml:6: models.default.api_key: environment variable NOPE is not set")
        .satisfies(e -> assertThat(((SynthkitException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void load_unknownKeyListsAllowedKeys() throws IOException {
    assertThatThrownBy(() -> load("""
        method: self-instruct
        target: 10
        models:
          default:
            provider: simulated
            temprature: 0.3
        """, Map.of()))
        .hasMessageContaining("run.yaml:6: models.default.temprature: unknown key; allowed:")
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 3\ntargte: 4\n", Map.of()))
        .hasMessageContaining("run.yaml:3: targte: unknown key");
  }

  @Test
  void load_checksTheSandboxAndEmbeddingsSectionsBeforeAnyRun() throws IOException {
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 3\nsandbox: {timeout: 5}\n", Map.of()))
        .hasMessageContaining("run.yaml:3: sandbox.timeout: unknown key").hasMessageContaining("timeout_seconds");
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 3\nsandbox: {timeout_seconds: 0}\n", Map.of()))
        .hasMessageContaining("timeout_seconds must be in (0, 600]");
    RunConfig c = load("method: self-instruct\ntarget: 3\nembeddings: {batch_size: 64}\n", Map.of());
    assertThat(c.embeddings().provider()).isEqualTo("local");
    assertThat(c.embeddings().batchSizeOrDefault()).isEqualTo(64);
  }

  @Test
  void load_badValuesAreExplained() throws IOException {
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 3\nmodels: {default: {provider: simulated,"
        + " temperature: 7}}\n", Map.of())).hasMessageContaining("temperature must be in [0, 2]: 7.0");
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 3\nmodels: {default: {provider: foo}}\n",
        Map.of())).hasMessageContaining("models.default.provider").hasMessageContaining("openai, anthropic, simulated");
    assertThatThrownBy(() -> load("method: nope\ntarget: 3\n", Map.of()))
        .hasMessageContaining("unknown method 'nope'; available: data-advisor, self-instruct");
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: -1\n", Map.of()))
        .hasMessageContaining("run.yaml:2: target: must be between 1 and");
    assertThatThrownBy(() -> load("method: self-instruct\n", Map.of())).hasMessageContaining("target: is required");
    assertThatThrownBy(() -> load("method: [x\n", Map.of())).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 2\nmodels: {default: {provider: simulated,"
        + " max_concurrency: lots}}\n", Map.of())).hasMessageContaining("'lots' is not a valid whole number");
  }

  @Test
  void load_setOverridesWinAndParseTypes() throws IOException {
    RunConfig c = load("method: self-instruct\ntarget: 3\nmodels: {default: {provider: simulated}}\n", Map.of(),
        "target=7", "models.default.temperature=0.25", "self-instruct.batch_size=4", "data.constraints=[a, b]");
    assertThat(c.target()).isEqualTo(7);
    assertThat(c.models().get("default").temperature()).isEqualTo(0.25);
    assertThat(c.section("self-instruct").path("batch_size").asInt()).isEqualTo(4);
    assertThat(c.data().constraints()).containsExactly("a", "b");
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 3\n", Map.of(), "novalue"))
        .hasMessageContaining("expected dotted.key=value");
  }

  @Test
  void load_fallsBackToEnvironmentThenSimulator() throws IOException {
    String yaml = "method: self-instruct\ntarget: 3\n";
    RunConfig sim = load(yaml, Map.of());
    assertThat(sim.models().get("default").provider()).isEqualTo(ProviderKind.SIMULATED);
    assertThat(sim.notices()).singleElement().asString().contains("built-in simulator");

    RunConfig oa = load(yaml, Map.of("OPENAI_API_KEY", "sk-x", "OPENAI_BASE_URL", "http://h:1/v1"));
    assertThat(oa.models().get("default").provider()).isEqualTo(ProviderKind.OPENAI);
    assertThat(oa.models().get("default").apiKey()).isEqualTo("sk-x");
    assertThat(oa.models().get("default").baseUrl()).isEqualTo("http://h:1/v1");

    RunConfig an = load(yaml, Map.of("ANTHROPIC_API_KEY", "sk-ant", "SYNTHKIT_MODEL", "claude-x"));
    assertThat(an.models().get("default").provider()).isEqualTo(ProviderKind.ANTHROPIC);
    assertThat(an.models().get("default").model()).isEqualTo("claude-x");
    assertThatThrownBy(() -> load(yaml, Map.of("ANTHROPIC_API_KEY", "sk-ant")))
        .hasMessageContaining("models.default.model is required for Anthropic");
  }

  @Test
  void modelNotice_namesWhereEachValueCameFrom() throws IOException {
    String yaml = "method: self-instruct\ntarget: 3\n";
    RunConfig set = load(yaml, Map.of("OPENAI_API_KEY", "sk-x"), "models.default.model=gpt-set");
    assertThat(set.notices()).singleElement().asString()
        .contains("with model gpt-set (from --set models.default.model)",
            "https://api.openai.com/v1 (from the default, as OPENAI_API_KEY is set)")
        .doesNotContain("environment");

    RunConfig file = load(yaml + "models:\n  default:\n    model: gpt-file\n",
        Map.of("OPENAI_BASE_URL", "http://h:1/v1"));
    assertThat(file.notices()).singleElement().asString()
        .contains("http://h:1/v1 (from OPENAI_BASE_URL)", "with model gpt-file (from ")
        .containsPattern("gpt-file \\(from [^)]*:5\\)");

    RunConfig env = load(yaml, Map.of("OPENAI_API_KEY", "sk-x", "SYNTHKIT_MODEL", "gpt-env"));
    assertThat(env.notices()).singleElement().asString().contains("with model gpt-env (from SYNTHKIT_MODEL)");
    RunConfig none = load(yaml, Map.of("OPENAI_API_KEY", "sk-x"));
    assertThat(none.notices()).singleElement().asString().contains("with model gpt-4o-mini (from the default)");
  }

  @Test
  void redacted_neverHoldsSecrets() throws IOException {
    RunConfig c = load("""
        method: self-instruct
        target: 3
        models:
          default: {provider: openai, model: m, api_key: "${KEY}", headers: {X-Token: literal-secret}}
          judge: {api_key: plain-secret-456}
        """, Map.of("KEY", "sk-secret-123"));
    String redacted = Json.write(c.redacted());
    assertThat(redacted).doesNotContain("sk-secret-123", "plain-secret-456", "literal-secret");
    assertThat(redacted).contains("${KEY}", "<redacted>");
    assertThat(c.models().get("judge").apiKey()).isEqualTo("plain-secret-456");
  }

  @Test
  void paths_resolveAgainstTheConfigFile() throws IOException {
    RunConfig c = load("method: self-instruct\ntarget: 3\noutput_dir: out\ndata: {seeds: s/seeds.jsonl}\n",
        Map.of());
    assertThat(c.outputDir()).isEqualTo(dir.resolve("out"));
    assertThat(c.resolve(c.data().seeds())).isEqualTo(dir.resolve("s/seeds.jsonl"));
    assertThat(c.runDir()).isEqualTo(dir.resolve("out/run"));
  }

  @Test
  void load_rejectsBadNamesAndDuplicateKeys() throws IOException {
    assertThatThrownBy(() -> load("name: ../escape\nmethod: self-instruct\ntarget: 3\n", Map.of()))
        .hasMessageContaining("name: must be letters");
    assertThatThrownBy(() -> load("method: self-instruct\ntarget: 3\ntarget: 4\n", Map.of()))
        .hasMessageContaining("target is given twice");
  }

  @Test
  void builder_buildsTheSameConfigAsYaml() {
    RunConfig c = ConfigBuilder.create("demo", "self-instruct", METHODS).target(5).simulated()
        .set("self-instruct.batch_size", 3).baseDir(dir).environment(Map.of()).build();
    assertThat(c.models().get("default").provider()).isEqualTo(ProviderKind.SIMULATED);
    assertThat(c.section("self-instruct").path("batch_size").asInt()).isEqualTo(3);
    assertThatThrownBy(() -> ConfigBuilder.create("demo", "self-instruct", METHODS).target(5).set("bogus", 1)
        .environment(Map.of()).build()).hasMessageContaining("bogus: unknown key");
  }

  @Test
  void builder_acceptsModelConfigsBuiltByName() {
    RunConfig c = ConfigBuilder.create("demo", "self-instruct", METHODS).target(5).baseDir(dir)
        .environment(Map.of())
        .model("default", io.synthkit.llm.ModelConfig.openAi("http://localhost:8000/v1", "m").maxConcurrency(32)
            .price(1, 2).build())
        .model("judge", io.synthkit.llm.ModelConfig.anthropic("claude-x", "sk-ant-secret").build())
        .build();
    assertThat(c.models().get("default").maxConcurrency()).isEqualTo(32);
    assertThat(c.models().get("judge").provider()).isEqualTo(ProviderKind.ANTHROPIC);
    assertThat(Json.write(c.redacted())).doesNotContain("sk-ant-secret");
  }

  @Test
  void baseUrls_fromTheFileOrFromSet_andTheirCredentialsAreRedacted() throws IOException {
    RunConfig c = load("""
        method: self-instruct
        target: 3
        models:
          default:
            provider: openai
            model: m
            api_key: sk-test
            base_urls: [http://user:pw-url-secret-1@gpu1:8000/v1, http://gpu2:8000/v1]
        """, Map.of());
    assertThat(c.models().get("default").endpointUrls()).containsExactly("http://user:pw-url-secret-1@gpu1:8000/v1",
        "http://gpu2:8000/v1");
    assertThat(Json.write(c.redacted())).doesNotContain("pw-url-secret-1").contains("http://gpu2:8000/v1");
    RunConfig set = load("method: self-instruct\ntarget: 3\nmodels: {default: {model: m, base_url: http://x/v1}}\n",
        Map.of(), "models.default.base_url=null", "models.default.base_urls=[http://a:8000/v1,http://b:8000/v1]");
    assertThat(set.models().get("default").provider()).as("base_urls alone means OpenAI-compatible")
        .isEqualTo(ProviderKind.OPENAI);
    assertThat(set.models().get("default").baseUrls()).containsExactly("http://a:8000/v1", "http://b:8000/v1");
  }

  @Test
  void scaleShard_startsEveryRoleAtItsOwnServer_andMustBeAWholeNumber() throws IOException {
    String yaml = """
        method: self-instruct
        target: 3
        models:
          default: {provider: openai, model: m, api_key: sk-test, base_urls: [http://a/v1, http://b/v1, http://c/v1]}
          judge: {provider: openai, model: j, api_key: sk-test, base_url: http://j/v1}
        """;
    assertThat(load(yaml, Map.of()).models().get("default").baseUrls())
        .containsExactly("http://a/v1", "http://b/v1", "http://c/v1");
    RunConfig shard4 = load(yaml, Map.of(), "scale.shard=4");
    assertThat(shard4.models().get("default").baseUrls()).containsExactly("http://b/v1", "http://c/v1", "http://a/v1");
    assertThat(shard4.models().get("judge").endpointUrls()).as("one server: unchanged").containsExactly("http://j/v1");
    assertThat(load(yaml, Map.of(), "scale.shard=3").models().get("default").baseUrls())
        .containsExactly("http://a/v1", "http://b/v1", "http://c/v1");
    for (String bad : new String[] {"-1", "1.5", "first"}) {
      assertThatThrownBy(() -> load(yaml, Map.of(), "scale.shard=" + bad)).isInstanceOf(SynthkitException.class)
          .hasMessageContaining("scale.shard").hasMessageContaining("must be a whole number >= 0");
    }
  }

  @Test
  void baseUrls_mistakesNameTheKeyAndLine() throws IOException {
    assertThatThrownBy(() -> load("""
        method: self-instruct
        target: 3
        models:
          default: {provider: openai, model: m, base_url: http://a/v1, base_urls: [http://b/v1]}
        """, Map.of())).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("run.yaml:4: models.default: base_url and base_urls are both set; use base_url for one"
            + " server or base_urls for several");
    assertThatThrownBy(() -> load("""
        method: self-instruct
        target: 3
        models:
          default: {provider: openai, model: m, base_urls: []}
        """, Map.of())).hasMessageContaining("models.default: base_urls is empty");
    assertThatThrownBy(() -> load("""
        method: self-instruct
        target: 3
        models:
          default: {provider: openai, model: m, base_urls: [http://a/v1, "gpu2:8000"]}
        """, Map.of())).hasMessageContaining("models.default: base_urls[1] must start with http:// or https://: gpu2:8000");
  }
}
