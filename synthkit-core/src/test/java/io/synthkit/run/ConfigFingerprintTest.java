package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which parts of a config decide what a run produces, and how two fingerprints are compared. */
class ConfigFingerprintTest {

  @TempDir
  Path dir;

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void of_dropsWhatDoesNotChangeTheOutput_andKeepsOnlyTheSimulatorSeed() {
    ObjectNode config = (ObjectNode) Json.parse("""
        {"name": "n", "target": 5, "budget": {"max_tokens": 9}, "output_dir": "runs", "report": {"x": 1},
         "method": "m", "m": {"k": 1},
         "models": {
           "default": {"model": "x", "api_key": "k", "base_url": "u", "max_concurrency": 4,
                       "requests_per_minute": 1, "tokens_per_minute": 2, "timeout_seconds": 3, "max_retries": 4,
                       "price": {}, "headers": {}, "adaptive_concurrency": true, "temperature": 0.5,
                       "simulator": {"seed": 7, "latency_ms": 30}},
           "judge": {"model": "y", "simulator": {"latency_ms": 30}},
           "note": "not a model"}}
        """);
    ObjectNode f = ConfigFingerprint.of(config);
    assertThat(f).isEqualTo(Json.parse("""
        {"method": "m", "m": {"k": 1},
         "models": {"default": {"model": "x", "temperature": 0.5, "simulator": {"seed": 7}},
                    "judge": {"model": "y"}, "note": "not a model"}}
        """));
    assertThat(config.has("target")).as("the config itself is left as it was").isTrue();
  }

  @Test
  void of_hashesEveryFileTheConfigNames_byItsPath_andThePromptsDirectory() throws Exception {
    Files.writeString(dir.resolve("seeds.jsonl"), "seed line\n");
    Files.writeString(dir.resolve("b.txt"), "bee");
    Path prompts = Files.createDirectories(dir.resolve("prompts"));
    Files.writeString(prompts.resolve("p.txt"), "prompt");
    Files.createDirectories(dir.resolve("other"));
    ObjectNode config = (ObjectNode) Json.parse("""
        {"data": {"seeds": "seeds.jsonl", "missing": "nope.jsonl", "blank": " "},
         "list": ["a", "b.txt"], "prompts_dir": "prompts", "dir": "other", "n": 3}
        """);
    JsonNode files = ConfigFingerprint.of(config, dir).path(ConfigFingerprint.FILES);
    assertThat(files.size()).isEqualTo(3);
    assertThat(files.path("data.seeds").asText())
        .isEqualTo(sha256("seed line\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(files.path("list[1]").asText()).isEqualTo(sha256("bee".getBytes(StandardCharsets.UTF_8)));
    assertThat(files.path("prompts_dir").asText()).hasSize(64);

    String before = files.path("prompts_dir").asText();
    Files.writeString(prompts.resolve("p.txt"), "prompt, changed");
    assertThat(ConfigFingerprint.of(config, dir).path(ConfigFingerprint.FILES).path("prompts_dir").asText())
        .isNotEqualTo(before);
  }

  @Test
  void of_withoutFilesOrBaseDirectory_hasNoFilesEntry() {
    ObjectNode config = (ObjectNode) Json.parse("{\"data\": {\"seeds\": \"absent.jsonl\"}}");
    assertThat(ConfigFingerprint.of(config, dir).has(ConfigFingerprint.FILES)).isFalse();
    assertThat(ConfigFingerprint.of(config).has(ConfigFingerprint.FILES)).isFalse();
  }

  @Test
  void aLargeFileIsHashedWhole() throws Exception {
    byte[] big = new byte[(1 << 16) * 2 + 5];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Files.write(dir.resolve("big.bin"), big);
    ObjectNode config = (ObjectNode) Json.parse("{\"file\": \"big.bin\"}");
    assertThat(ConfigFingerprint.of(config, dir).path(ConfigFingerprint.FILES).path("file").asText())
        .isEqualTo(sha256(big));
  }

  @Test
  void diff_namesEveryChangedAddedOrRemovedLeaf_sortedByPath() {
    JsonNode a = Json.parse("{\"x\": {\"b\": 1, \"a\": 2, \"gone\": 3}, \"same\": [1, 2], \"list\": [1]}");
    JsonNode b = Json.parse("{\"x\": {\"b\": 1, \"a\": 5, \"new\": 4}, \"same\": [1, 2], \"list\": [2]}");
    assertThat(ConfigFingerprint.diff(a, b)).containsExactly("list", "x.a", "x.gone", "x.new");
    assertThat(ConfigFingerprint.diff(a, a.deepCopy())).isEmpty();
    assertThat(ConfigFingerprint.diff(Json.parse("[1]"), Json.parse("[2]"))).containsExactly("(root)");
    assertThat(ConfigFingerprint.diff(Json.parse("{\"k\": 1}"), Json.parse("{\"k\": {\"j\": 1}}")))
        .containsExactly("k");
  }

  @Test
  void canonical_sortsKeysAtEveryLevel_andKeepsArrayOrder() {
    ObjectNode one = (ObjectNode) Json.parse("{\"b\": {\"y\": 1, \"x\": 2}, \"a\": [3, 1]}");
    ObjectNode two = (ObjectNode) Json.parse("{\"a\": [3, 1], \"b\": {\"x\": 2, \"y\": 1}}");
    assertThat(ConfigFingerprint.canonical(one)).isEqualTo(ConfigFingerprint.canonical(two))
        .isEqualTo(Json.write(Json.parse("{\"a\": [3, 1], \"b\": {\"x\": 2, \"y\": 1}}")));
  }
}
