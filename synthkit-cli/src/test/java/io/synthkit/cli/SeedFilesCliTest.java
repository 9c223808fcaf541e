package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.run.TestRuns;
import io.synthkit.sim.FaultFront;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed files from the command line, against a model over real HTTP: one that starts with a UTF-8 byte-order mark is
 * read like any other, and one whose content changed at the same path is refused on rerun, naming the key, instead of
 * mixing two seed sets in one run.
 */
@Timeout(300)
class SeedFilesCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private int generate(FaultFront front, int target) throws IOException {
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "name: seeds\nmethod: self-instruct\ntarget: " + target + "\noutput_dir: runs\n"
        + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 8}\nreport: {enabled: false}\n");
    return Main.execute("generate", config.toString(), "-q", "--set", "models.default.provider=openai",
        "--set", "models.default.base_url=" + front.baseUrl(), "--set", "models.default.model=gpt-4o-mini",
        "--set", "models.default.api_key=sk-test");
  }

  @Test
  void aSeedFileWithAByteOrderMark_isRead() throws IOException {
    Path seeds = TestRuns.seeds(dir);
    Files.writeString(seeds, "\uFEFF" + Files.readString(seeds));
    try (FaultFront front = FaultFront.start(r -> null)) {
      int exit = generate(front, 10);
      assertThat(exit).as(console.out() + console.err()).isZero();
      assertThat(console.out()).contains("status: completed", "records: 10 accepted");
    }
  }

  @Test
  void aSeedFileChangedInPlace_isRefusedOnRerun_namingIt() throws IOException {
    Path seeds = TestRuns.seeds(dir);
    try (FaultFront front = FaultFront.start(r -> null)) {
      assertThat(generate(front, 10)).as(console.out() + console.err()).isZero();
      long before = front.requests();
      Files.writeString(seeds, Files.readString(seeds).replace("sourdough", "rye"));
      console.clear();
      int exit = generate(front, 20);
      assertThat(exit).as(console.out() + console.err()).isEqualTo(2);
      assertThat(console.err()).contains("changed: the content of the file named by data.seeds")
          .doesNotContain("\tat ");
      assertThat(front.requests()).as("no call was paid for").isEqualTo(before);
    }
  }
  @Test
  void aDataFileOtherThanTheSeeds_changedInPlace_isRefusedOnRerun_namingIt() throws IOException {
    // AIDE's persona pool is a data file like the seeds: editing it between two sessions of one run is a change.
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    Files.copy(examples.resolve("seeds/aide-finance-mcq.jsonl"), dir.resolve("seeds.jsonl"));
    Path personas = dir.resolve("personas.jsonl");
    Files.copy(examples.resolve("personas/tiny.jsonl"), personas);
    try (FaultFront front = FaultFront.start(r -> null)) {
      assertThat(aide(front, 4)).as(console.out() + console.err()).isZero();
      long before = front.requests();
      Files.writeString(personas, Files.readString(personas).replace("nursing graduate", "law graduate"));
      console.clear();
      int exit = aide(front, 8);
      assertThat(exit).as(console.out() + console.err()).isEqualTo(2);
      assertThat(console.err()).contains("changed: the content of the file named by personas.file")
          .doesNotContain("\tat ");
      assertThat(front.requests()).as("no call was paid for").isEqualTo(before);
    }
  }

  private int aide(FaultFront front, int target) throws IOException {
    Path config = dir.resolve("aide.yaml");
    Files.writeString(config, "name: files\nmethod: aide\ntarget: " + target + "\noutput_dir: runs\n"
        + "data: {seeds: seeds.jsonl, description: multiple-choice questions on personal finance}\n"
        + "personas: {file: personas.jsonl, k: 1}\naide: {seeds: 2, depth: 1, attributes: 1,"
        + " answer_format: multiple_choice}\nembeddings: {provider: hashing}\nreport: {enabled: false}\n");
    return Main.execute("generate", config.toString(), "-q", "--set", "models.default.provider=openai",
        "--set", "models.default.base_url=" + front.baseUrl(), "--set", "models.default.model=gpt-4o-mini",
        "--set", "models.default.api_key=sk-test");
  }
}
