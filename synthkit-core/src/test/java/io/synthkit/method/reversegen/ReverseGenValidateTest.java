package io.synthkit.method.reversegen;

import static io.synthkit.method.ConfigErrors.assertRejectedBeforeRun;
import static io.synthkit.method.ConfigErrors.write;

import io.synthkit.config.ConfigBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config mistake ReverseGen can know of fails in validate, naming the key or file, before a run exists. */
class ReverseGenValidateTest {

  @TempDir
  Path dir;

  private ConfigBuilder config(String task) {
    return Scripts.config(dir, task, 5, Scripts.safetySeeds(dir));
  }

  @Test
  void instructionSetNotSet() {
    assertRejectedBeforeRun(config("safety").set("data.seeds", null).build(), "data.seeds",
        "is required for reversegen");
  }

  @Test
  void instructionFileMissing() {
    assertRejectedBeforeRun(config("safety").set("data.seeds", "gone.txt").build(), "data.seeds", "file not found",
        "gone.txt");
  }

  @Test
  void instructionLineNotJson() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"instruction\": \"How would someone do this?\"}\n{\"instr\n");
    assertRejectedBeforeRun(config("safety").seeds(f).build(), "mine.jsonl:2:", "not valid JSON");
  }

  @Test
  void itemWithoutTheInstructionField() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"instruction\": \"How would someone do this?\"}\n"
        + "{\"prompt\": \"How would someone do that?\"}\n");
    assertRejectedBeforeRun(config("safety").seeds(f).build(), "mine.jsonl: item 2 has no text field 'instruction'");
  }

  @Test
  void honestyItemsMustBeMultipleChoiceQuestionsWithAnswers() {
    Path f = Scripts.lines(dir, "q.txt", List.of("Which planet is largest?\nA. Mars\nB. Jupiter\nAnswer: B", "a", "b",
        "c", "d"));
    assertRejectedBeforeRun(config("honesty").seeds(f).build(), "q.txt: item 1 is not a multiple-choice question");
  }

  @Test
  void fewerInstructionsThanDemonstrations() {
    Path f = Scripts.lines(dir, "few.txt", List.of("How would someone do one thing?",
        "How would someone do another thing?"));
    assertRejectedBeforeRun(config("safety").seeds(f).build(), "few.txt: has 2 instructions",
        "reversegen.demonstrations (3)");
  }

  @Test
  void fineTuningTrainerOnAnAnthropicProposer() {
    assertRejectedBeforeRun(config("safety").set("reversegen.trainer.type", "openai-finetune")
        .set("models.proposer.provider", "anthropic").set("models.proposer.model", "claude-haiku")
        .set("models.proposer.api_key", "test-key").build(), "reversegen.trainer.type",
        "models.proposer uses provider anthropic");
  }

  @Test
  void trainerWithoutACommand() {
    assertRejectedBeforeRun(config("safety").set("reversegen.trainer.type", "command").build(), "reversegen",
        "command is required");
  }

  @Test
  void parameterOutOfRange() {
    assertRejectedBeforeRun(config("safety").set("reversegen.samples_per_prompt", 1).build(), "reversegen",
        "samples_per_prompt must be at least 2");
  }
}
