package io.synthkit.method.selfinstruct;

import static io.synthkit.method.ConfigErrors.assertRejectedBeforeRun;
import static io.synthkit.method.ConfigErrors.write;

import io.synthkit.config.ConfigBuilder;
import io.synthkit.run.TestRuns;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config mistake Self-Instruct can know of fails in validate, naming the key or file, before a run exists. */
class SelfInstructValidateTest {

  @TempDir
  Path dir;

  private ConfigBuilder config() {
    return TestRuns.selfInstruct(dir, 3);
  }

  @Test
  void seedsNotSet() {
    assertRejectedBeforeRun(config().set("data.seeds", null).build(), "data.seeds", "is required for self-instruct");
  }

  @Test
  void seedFileMissing() {
    assertRejectedBeforeRun(config().set("data.seeds", "nope.jsonl").build(), "data.seeds", "file not found",
        "nope.jsonl");
  }

  @Test
  void seedFileEmpty() {
    Path f = write(dir.resolve("empty.jsonl"), "\n\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "empty.jsonl", "contains no items");
  }

  @Test
  void seedLineNotJson() {
    Path f = write(dir.resolve("bad.jsonl"), "{\"instruction\": \"Say hello to the world now\"}\n\n"
        + "{\"instruction\":\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "bad.jsonl:3:", "not valid JSON");
  }

  @Test
  void seedLineNotAnObject() {
    Path f = write(dir.resolve("list.jsonl"), "{\"instruction\": \"Say hello to the world now\"}\n[1, 2]\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "list.jsonl:2:", "expected a JSON object");
  }

  @Test
  void seedWithoutTheTextField() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"instruction\": \"Say hello\", \"output\": \"hi\"}\n"
        + "{\"output\": \"no instruction here\"}\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "mine.jsonl: item 2 has no string field 'instruction'",
        "self-instruct.text_field");
  }

  @Test
  void firstSeedWithoutFields() {
    Path f = write(dir.resolve("mine.jsonl"), "{}\n{\"instruction\": \"Say hello\"}\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "mine.jsonl: item 1 has no fields", "self-instruct.fields");
  }

  @Test
  void textFieldNotAnItemField() {
    assertRejectedBeforeRun(config().set("self-instruct.text_field", "prompt").build(), "self-instruct.text_field",
        "'prompt' is not one of the item fields [instruction, output]");
  }

  @Test
  void fieldsEmptyOrRepeated() {
    assertRejectedBeforeRun(config().set("self-instruct.fields", List.of()).build(), "self-instruct",
        "fields must be a non-empty list of distinct names");
    assertRejectedBeforeRun(config().set("self-instruct.fields", List.of("instruction", "instruction")).build(),
        "fields must be a non-empty list of distinct names");
  }

  @Test
  void parameterOutOfRange() {
    assertRejectedBeforeRun(config().set("self-instruct.seed_examples", 9).build(), "self-instruct",
        "seed_examples must be between 0 and examples_per_prompt");
  }
}
