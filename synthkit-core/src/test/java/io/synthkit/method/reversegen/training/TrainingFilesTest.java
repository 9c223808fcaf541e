package io.synthkit.method.reversegen.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.spi.Prompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training files: their formats, the cumulative pairs file, and a replayed iteration replacing itself. */
class TrainingFilesTest {

  @TempDir
  Path dir;

  private static PreferencePair pair(int iteration, String chosen) {
    return new PreferencePair(iteration, Prompt.of("sys", "write one"), chosen, "plain", "c-id", "r-id");
  }

  @Test
  void iteration_writesTrlAndOpenAiFiles_andAccumulatesPairs() throws IOException {
    TrainingFiles files = new TrainingFiles(dir);
    TrainingFiles.Written one = files.iteration(1, List.of(pair(1, "a")));
    assertThat(one.trl()).isEqualTo(dir.resolve("reversegen/iter-1.dpo.trl.jsonl"));
    assertThat(Files.readString(one.trl())).isEqualTo(
        "{\"prompt\":\"write one\",\"chosen\":\"a\",\"rejected\":\"plain\"}\n");
    assertThat(Files.readString(one.openAi())).isEqualTo("{\"input\":{\"messages\":[{\"role\":\"system\","
        + "\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"write one\"}]},\"preferred_output\":[{\"role\":"
        + "\"assistant\",\"content\":\"a\"}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":"
        + "\"plain\"}]}\n");
    files.iteration(2, List.of(pair(2, "b"), pair(2, "c")));
    files.iteration(1, List.of(pair(1, "a2")));
    assertThat(Files.readAllLines(dir.resolve("pairs.jsonl"))).containsExactly(
        "{\"prompt\":\"write one\",\"chosen\":\"b\",\"rejected\":\"plain\",\"iteration\":2}",
        "{\"prompt\":\"write one\",\"chosen\":\"c\",\"rejected\":\"plain\",\"iteration\":2}",
        "{\"prompt\":\"write one\",\"chosen\":\"a2\",\"rejected\":\"plain\",\"iteration\":1}");
    try (var listing = Files.list(dir.resolve("reversegen"))) {
      assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void simulatedRuns_markEveryPair() throws IOException {
    new TrainingFiles(dir, true).iteration(1, List.of(pair(1, "a")));
    assertThat(Files.readString(dir.resolve("pairs.jsonl"))).isEqualTo(
        "{\"prompt\":\"write one\",\"chosen\":\"a\",\"rejected\":\"plain\",\"iteration\":1,\"simulated\":true}\n");
  }

  @Test
  void warmup_writesPromptCompletionAndMessages() throws IOException {
    TrainingFiles.Written w = new TrainingFiles(dir).warmup(List.of(new SftExample(Prompt.user("demos"), "held",
        "seed-4")));
    assertThat(Files.readString(w.trl())).isEqualTo("{\"prompt\":\"demos\",\"completion\":\"held\"}\n");
    assertThat(Files.readString(w.openAi())).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"demos\"},"
        + "{\"role\":\"assistant\",\"content\":\"held\"}]}\n");
    assertThat(w.openAi()).isEqualTo(dir.resolve("reversegen/warmup.sft.openai.jsonl"));
  }
}
