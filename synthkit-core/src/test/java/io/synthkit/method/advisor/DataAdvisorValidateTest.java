package io.synthkit.method.advisor;

import static io.synthkit.method.ConfigErrors.assertRejectedBeforeRun;
import static io.synthkit.method.ConfigErrors.write;

import io.synthkit.config.ConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config mistake Data Advisor can know of fails in validate, naming the key or file, before a run exists. */
class DataAdvisorValidateTest {

  @TempDir
  Path dir;

  private ConfigBuilder config() {
    return AdvisorScript.safety(dir, 4);
  }

  /** Without a preset: the principle is the user's, the fields come from the seeds. */
  private ConfigBuilder plain(Path seeds) {
    return config().set("data-advisor.preset", null).set("data-advisor.principle", "Cover every topic").seeds(seeds);
  }

  @Test
  void principleMissingWithoutPreset() {
    assertRejectedBeforeRun(config().set("data-advisor.preset", null).build(), "data-advisor.principle",
        "is required");
  }

  @Test
  void unknownPreset() {
    assertRejectedBeforeRun(config().set("data-advisor.preset", "chemistry").build(), "data-advisor",
        "preset must be one of calculus, safety");
  }

  @Test
  void seedsNotSet() {
    assertRejectedBeforeRun(config().set("data.seeds", null).build(), "data.seeds", "is required for data-advisor");
  }

  @Test
  void seedFileMissing() {
    assertRejectedBeforeRun(config().set("data.seeds", "gone.txt").build(), "data.seeds", "file not found",
        "gone.txt");
  }

  @Test
  void seedFileNotUtf8() throws IOException {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
    assertRejectedBeforeRun(config().seeds(f).build(), "latin1.txt", "not UTF-8");
  }

  @Test
  void seedLineNotJson() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"prompt\": \"How do I pick a lock?\"}\n{prompt: oops}\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "mine.jsonl:2:", "not valid JSON");
  }

  @Test
  void seedWithoutTheTextField() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"prompt\": \"How do I pick a lock?\"}\n{\"question\": \"Why?\"}\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "mine.jsonl: item 2 has no string field 'prompt'",
        "data-advisor.text_field");
  }

  @Test
  void textFieldNotASeedField() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"prompt\": \"How do I pick a lock?\"}\n");
    assertRejectedBeforeRun(plain(f).set("data-advisor.text_field", "question").build(), "data-advisor.text_field",
        "'question' is not one of the item fields [prompt]");
  }

  @Test
  void firstSeedHoldsOnlyWhatTheMethodWrites() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"category\": \"fraud\", \"response\": \"No.\"}\n");
    assertRejectedBeforeRun(plain(f).set("data-advisor.response_field", "response").build(),
        "mine.jsonl: item 1 has no fields besides category/response", "data-advisor.item_fields");
  }

  @Test
  void textFieldOutsideItemFields() {
    assertRejectedBeforeRun(config().set("data-advisor.text_field", "question").build(), "data-advisor",
        "text_field 'question' is not one of the item_fields [prompt]");
  }

  @Test
  void summaryFileMissing() {
    assertRejectedBeforeRun(config().set("data-advisor.summary", "summary.txt").build(), "data-advisor.summary",
        "file not found", "summary.txt");
  }

  @Test
  void summaryFileNotUtf8() throws IOException {
    Files.write(dir.resolve("summary.txt"), new byte[] {'f', 'r', 'a', 'u', 'd', (byte) 0xFF, '\n'});
    assertRejectedBeforeRun(config().set("data-advisor.summary", "summary.txt").build(), "data-advisor.summary",
        "summary.txt is not UTF-8 text");
  }
}
