package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.config.ConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warnings for seed items that do not fit the smallest context window of the run's models. */
class OversizedSeedsTest {

  @TempDir
  Path dir;

  private static final String LONG = "many different words ".repeat(80);

  private void seeds(int longItems, int shortItems) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < shortItems; i++) {
      sb.append("{\"text\": \"short ").append(i).append("\"}\n");
    }
    for (int i = 0; i < longItems; i++) {
      sb.append("{\"text\": \"").append(i).append(' ').append(LONG).append("\"}\n");
    }
    Files.writeString(dir.resolve("big.jsonl"), sb.toString());
  }

  private ConfigBuilder config(int defaultWindow) {
    return TestRuns.selfInstruct(dir, 5).seeds(dir.resolve("big.jsonl"))
        .set("models.default.context_tokens", defaultWindow);
  }

  @Test
  void itemsOverTheWindow_areNamedByNumber_theFirstThreeOnly_thenCounted() throws Exception {
    seeds(5, 1);
    List<String> warnings = OversizedSeeds.check(config(100).build());
    assertThat(warnings).hasSize(4);
    assertThat(warnings.get(0)).startsWith("warning: data.seeds: item 2 of big.jsonl (")
        .contains(" characters) is over the 100-token context of ")
        .contains("(models.default)")
        .endsWith(": every prompt that quotes it is rejected (context_length) instead of sent");
    assertThat(warnings.get(1)).startsWith("warning: data.seeds: item 3 of big.jsonl (");
    assertThat(warnings.get(2)).startsWith("warning: data.seeds: item 4 of big.jsonl (");
    assertThat(warnings.get(3)).isEqualTo("warning: data.seeds: 2 more items of big.jsonl are over the context"
        + " too");
  }

  @Test
  void exactlyThreeOversizedItems_getNoSummaryLine() throws Exception {
    seeds(3, 0);
    assertThat(OversizedSeeds.check(config(100).build())).hasSize(3);
  }

  @Test
  void theSmallestWindowOfAnyRole_decides_andIsNamed() throws Exception {
    seeds(1, 0);
    List<String> warnings = OversizedSeeds.check(config(1_000_000).set("models.judge",
        java.util.Map.of("context_tokens", 120)).build());
    assertThat(warnings).singleElement().asString().contains("over the 120-token context of")
        .contains("(models.judge)");
  }

  @Test
  void seedsThatFit_orNoSeedFile_giveNoWarning() throws Exception {
    seeds(2, 2);
    assertThat(OversizedSeeds.check(config(1_000_000).build())).isEmpty();
    Files.delete(dir.resolve("big.jsonl"));
    assertThat(OversizedSeeds.check(ConfigBuilder.create("t", Scripted.NAME, java.util.Set.of(Scripted.NAME))
        .target(1).simulated().baseDir(dir).environment(java.util.Map.of()).build())).isEmpty();
  }
}
