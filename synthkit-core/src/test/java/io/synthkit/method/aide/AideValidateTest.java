package io.synthkit.method.aide;

import static io.synthkit.method.ConfigErrors.assertRejectedBeforeRun;
import static io.synthkit.method.ConfigErrors.write;

import io.synthkit.config.ConfigBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config mistake AIDE can know of fails in validate, naming the key or file, before a run exists. */
class AideValidateTest {

  @TempDir
  Path dir;

  private ConfigBuilder config() {
    return AideScript.config(dir, 5, AideScript.seeds(dir, "What is a prime number?"),
        AideScript.personas(dir, "A nurse", "A sailor"));
  }

  @Test
  void seedsNotSet() {
    assertRejectedBeforeRun(config().set("data.seeds", null).build(), "data.seeds", "is required for aide");
  }

  @Test
  void seedFileMissing() {
    assertRejectedBeforeRun(config().set("data.seeds", "gone.jsonl").build(), "data.seeds", "file not found",
        "gone.jsonl");
  }

  @Test
  void seedLineNotJson() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"question\": \"Why is the sky blue?\"}\nquestion: why?\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "mine.jsonl:2:", "not valid JSON");
  }

  @Test
  void seedWithABlankQuestion() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"question\": \"Why is the sky blue?\"}\n{\"question\": \"  \"}\n");
    assertRejectedBeforeRun(config().seeds(f).build(), "mine.jsonl: item 2 has no non-blank string field 'question'",
        "aide.question_field");
  }

  @Test
  void questionFieldNotInTheSeeds() {
    assertRejectedBeforeRun(config().set("aide.question_field", "prompt").build(),
        "item 1 has no non-blank string field 'prompt'");
  }

  @Test
  void personaFileNotSet() {
    assertRejectedBeforeRun(config().set("personas.file", null).build(), "personas.file",
        "synthkit personas generate", "personas.k: 0");
  }

  @Test
  void personaFileMissing() {
    assertRejectedBeforeRun(config().set("personas.file", "people.jsonl").build(), "personas.file",
        "file not found", "people.jsonl");
  }

  @Test
  void personaFileWithABadLine() {
    Path f = write(dir.resolve("people.jsonl"), "{\"persona\": \"A nurse\"}\n{\"name\": \"A sailor\"}\n");
    assertRejectedBeforeRun(config().set("personas.file", f.toString()).build(), "people.jsonl:2:");
  }

  @Test
  void personaFileEmpty() {
    Path f = write(dir.resolve("people.jsonl"), "\n");
    assertRejectedBeforeRun(config().set("personas.file", f.toString()).build(), "people.jsonl", "no personas");
  }

  @Test
  void personasSectionOutOfRange() {
    assertRejectedBeforeRun(config().set("personas.k", -1).build(), "personas", "k must not be negative: -1");
  }

  @Test
  void parameterOutOfRange() {
    assertRejectedBeforeRun(config().set("aide.residual_rule", "sometimes").build(), "residual_rule", "paper");
  }
}
