package io.synthkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFileTest {

  private static final String BOM = "\uFEFF";

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void read_acceptsAByteOrderMark_inEveryFormat() throws IOException {
    List<ObjectNode> jsonl = SeedFile.read(write("a.jsonl", BOM + "{\"q\": \"one\"}\n{\"q\": \"two\"}\n"), "q");
    List<ObjectNode> array = SeedFile.read(write("b.json", BOM + "[{\"q\": \"one\"}]"), "q");
    List<ObjectNode> text = SeedFile.read(write("c.txt", BOM + "one\ntwo\n"), "q");
    assertThat(jsonl).extracting(n -> n.path("q").asText()).containsExactly("one", "two");
    assertThat(array).extracting(n -> n.path("q").asText()).containsExactly("one");
    assertThat(text).extracting(n -> n.path("q").asText()).containsExactly("one", "two");
  }

  @Test
  void read_brokenJsonl_namesFileLineAndColumn_withoutParserNoise() throws IOException {
    Path f = write("seeds.jsonl", "{\"q\": \"fine\"}\n{\"q\": \"unclosed\"\n");
    assertThatThrownBy(() -> SeedFile.read(f, "q")).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith(f + ":2:")
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining("Source:").hasMessageNotContaining("REDACTED")
        .hasMessageNotContaining("StreamReadFeature");
  }

  @Test
  void read_brokenJsonArray_namesLineAndColumn() throws IOException {
    Path f = write("seeds.json", "[\n  {\"q\": \"a\"},\n  {\"q\": \"b\",}\n]");
    assertThatThrownBy(() -> SeedFile.read(f, "q")).hasMessageStartingWith(f + ":3:")
        .hasMessageNotContaining("Source:");
  }

  @Test
  void read_nonObjectLine_isNamed() throws IOException {
    Path f = write("seeds.jsonl", "{\"q\": \"a\"}\n[1, 2]\n");
    assertThatThrownBy(() -> SeedFile.read(f, "q")).hasMessage(f + ":2: expected a JSON object, found array");
  }
}
