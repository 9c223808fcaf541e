package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.spi.RunStorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An append-only JSON-lines file that repairs the torn end an interrupted session left. */
class JsonlLogTest {

  @TempDir
  Path dir;

  @Test
  void appendedValues_areReadBackInOrder_oneLineEach() throws Exception {
    Path file = dir.resolve("log.jsonl");
    try (JsonlLog log = JsonlLog.open(file, n -> { })) {
      log.append(Map.of("n", 1));
      log.append(Map.of("n", 2));
      assertThat(log.path()).isEqualTo(file);
      assertThat(log.repairedBytes()).isZero();
    }
    assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
    assertThat(JsonlLog.readAll(file)).extracting(n -> n.path("n").asInt()).containsExactly(1, 2);
  }

  @Test
  void open_handsOverTheExistingLines_andCutsATornEnd_countingItsBytes() throws Exception {
    Path file = dir.resolve("log.jsonl");
    Files.writeString(file, "{\"n\":1}\n\n{\"n\":2}\n{\"n\":3, \"x");
    List<JsonNode> seen = new ArrayList<>();
    try (JsonlLog log = JsonlLog.open(file, seen::add)) {
      assertThat(log.repairedBytes()).isEqualTo("{\"n\":3, \"x".getBytes(StandardCharsets.UTF_8).length);
      log.append(Map.of("n", 4));
    }
    assertThat(seen).extracting(n -> n.path("n").asInt()).containsExactly(1, 2);
    assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n\n{\"n\":2}\n{\"n\":4}\n");
  }

  @Test
  void aDamagedLine_dropsItAndEverythingAfterIt() throws Exception {
    Path file = dir.resolve("log.jsonl");
    String kept = "{\"n\":1}\n";
    String dropped = "{oops\n{\"n\":2}\n";
    Files.writeString(file, kept + dropped);
    try (JsonlLog log = JsonlLog.open(file, n -> { })) {
      assertThat(log.repairedBytes()).isEqualTo(dropped.length());
    }
    assertThat(Files.readString(file)).isEqualTo(kept);
    assertThat(JsonlLog.readAll(dir.resolve("absent.jsonl"))).isEmpty();
  }

  @Test
  void appendRedacted_removesSecretsFromTheLine() throws Exception {
    Path file = dir.resolve("log.jsonl");
    String key = "sk-" + "a".repeat(40);
    try (JsonlLog log = JsonlLog.open(file, n -> { })) {
      log.appendRedacted(Json.object().put("error", "bad key " + key));
    }
    assertThat(Files.readString(file)).doesNotContain(key).contains("bad key");
  }

  @Test
  void aFileThatCannotBeOpened_failsNamingIt() throws Exception {
    Path file = Files.createDirectory(dir.resolve("a-directory"));
    assertThatThrownBy(() -> JsonlLog.open(file, n -> { })).isInstanceOf(RunStorageException.class)
        .hasMessageStartingWith("cannot open (" + file + "): ");
  }
}
