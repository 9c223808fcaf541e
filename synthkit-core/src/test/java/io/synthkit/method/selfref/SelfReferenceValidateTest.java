package io.synthkit.method.selfref;

import static io.synthkit.method.ConfigErrors.assertRejectedBeforeRun;
import static io.synthkit.method.ConfigErrors.write;
import static io.synthkit.method.selfref.SelfRefRuns.config;
import static io.synthkit.method.selfref.SelfRefRuns.yesNo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config mistake self-reference can know of fails in validate, naming the key or file, before a run exists. */
class SelfReferenceValidateTest {

  @TempDir
  Path dir;

  private ConfigBuilder inline() {
    return config(dir, 3, "naive");
  }

  private ConfigBuilder fromFile(Path file) {
    return inline().set("self-reference.example", null).seeds(file);
  }

  @Test
  void labelSpaceMissingOrUnknown() {
    assertRejectedBeforeRun(inline().set("self-reference.label_space", null).build(), "self-reference.label_space",
        "is required");
    assertRejectedBeforeRun(inline().set("self-reference.label_space", "open").build(), "self-reference",
        "label_space must be fixed or variant: open");
  }

  @Test
  void strategyUnknown() {
    assertRejectedBeforeRun(config(dir, 3, "breadth").build(), "self-reference",
        "strategy must be one of naive, random, contrastive, similar, tree: breadth");
  }

  @Test
  void exampleGivenTwiceOrNotAtAll() {
    Path f = write(dir.resolve("example.jsonl"), Json.write(yesNo()) + "\n");
    assertRejectedBeforeRun(inline().seeds(f).build(), "self-reference.example", "not both");
    assertRejectedBeforeRun(inline().set("self-reference.example", null).build(), "self-reference.example",
        "is required: one formatting example");
  }

  @Test
  void exampleFileMissing() {
    assertRejectedBeforeRun(fromFile(dir.resolve("gone.jsonl")).build(), "data.seeds", "file not found",
        "gone.jsonl");
  }

  @Test
  void exampleFileWithABadLine() {
    Path f = write(dir.resolve("examples.jsonl"), Json.write(yesNo()) + "\n{\"question\": \n");
    assertRejectedBeforeRun(fromFile(f).build(), "examples.jsonl:2:", "not valid JSON");
  }

  @Test
  void prettyJsonFileThatIsNotJson() {
    Path f = write(dir.resolve("example.json"), "{\"question\": \"Is ice cold?\",\n"
        + "  \"options\": [\"True\" \"False\"]");
    assertRejectedBeforeRun(fromFile(f).build(), "example.json:2:", "not valid JSON");
  }

  @Test
  void everyExampleOfAFileIsChecked_notOnlyTheOneTheSeedPicks() {
    Path f = write(dir.resolve("examples.jsonl"), Json.write(yesNo()) + "\n"
        + Json.write(yesNo("Is ice cold?", "Maybe")) + "\n" + Json.write(yesNo("Is fire hot?", "True")) + "\n");
    assertRejectedBeforeRun(fromFile(f).build(), "examples.jsonl: item 2:",
        "'answer' must be one of the options [True, False]: \"Maybe\"");
  }

  @Test
  void answerNotAnOption() {
    assertRejectedBeforeRun(inline().set("self-reference.example", yesNo("Is ice cold?", "Maybe")).build(),
        "self-reference.example", "'answer' must be one of the options [True, False]: \"Maybe\"");
  }

  @Test
  void nestedField() {
    ObjectNode nested = yesNo();
    nested.putObject("source").put("book", "atlas");
    assertRejectedBeforeRun(inline().set("self-reference.example", nested).build(), "self-reference.example",
        "field 'source' holds nested objects");
  }

  @Test
  void tooFewOptions() {
    ObjectNode one = yesNo();
    one.putArray("options").add("True");
    assertRejectedBeforeRun(inline().set("self-reference.example", one.put("answer", "True")).build(),
        "'options' must be a list of at least two different strings");
  }

  @Test
  void questionFieldNotInTheExample() {
    assertRejectedBeforeRun(inline().set("self-reference.question_field", "prompt").build(), "self-reference.example",
        "question_field 'prompt' is not a key of the example [question, options, answer]");
  }

  @Test
  void noQuestionKeyToDetect() {
    ObjectNode example = Json.object().put("statement", "Ice is cold.");
    example.putArray("options").add("True").add("False");
    assertRejectedBeforeRun(inline().set("self-reference.example", example.put("answer", "True")).build(),
        "no key named question among [statement, options, answer]", "self-reference.question_field");
  }
}
