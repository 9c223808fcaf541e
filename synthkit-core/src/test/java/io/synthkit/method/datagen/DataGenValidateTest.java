package io.synthkit.method.datagen;

import static io.synthkit.method.ConfigErrors.assertRejectedBeforeRun;
import static io.synthkit.method.ConfigErrors.write;

import io.synthkit.config.ConfigBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config mistake DataGen can know of fails in validate, naming the key or file, before a run exists. */
class DataGenValidateTest {

  @TempDir
  Path dir;

  private ConfigBuilder config() {
    return DataGenRuns.config(dir, 4, DataGenRuns.clusteredBase(dir));
  }

  private ConfigBuilder config(Path base) {
    return config().seeds(base);
  }

  @Test
  void baseDataNotSet() {
    assertRejectedBeforeRun(config().set("data.seeds", null).build(), "data.seeds", "is required for datagen");
  }

  @Test
  void baseFileMissing() {
    assertRejectedBeforeRun(config().set("data.seeds", "gone.jsonl").build(), "data.seeds", "file not found",
        "gone.jsonl");
  }

  @Test
  void baseLineNotJson() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"text\": \"fine\", \"label\": 1}\n{\"text\": \"broken\", \n");
    assertRejectedBeforeRun(config(f).build(), "mine.jsonl:2:", "not valid JSON");
  }

  @Test
  void baseItemWithoutTheTextField() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"text\": \"fine\", \"label\": 1}\n{\"text\": 7, \"label\": 2}\n");
    assertRejectedBeforeRun(config(f).build(), "mine.jsonl: item 2 has no string field 'text'",
        "datagen.text_field");
  }

  @Test
  void firstItemWithOnlyAnId() {
    Path f = write(dir.resolve("mine.jsonl"), "{\"id\": 1}\n{\"id\": 2, \"text\": \"fine\"}\n");
    assertRejectedBeforeRun(config(f).build(), "mine.jsonl: item 1 has no fields besides id/uuid", "datagen.fields");
  }

  @Test
  void textOrLabelFieldNotAnItemField() {
    assertRejectedBeforeRun(config().set("datagen.text_field", "prompt").build(), "datagen.text_field",
        "'prompt' is not one of the item fields [question, answer]");
    assertRejectedBeforeRun(config().set("datagen.label_field", "gold").build(), "datagen.label_field",
        "'gold' is not one of the item fields [question, answer]");
  }

  @Test
  void fieldsEmpty() {
    assertRejectedBeforeRun(config().set("datagen.fields", List.of()).build(), "datagen",
        "fields must be a non-empty list of distinct names");
  }

  @Test
  void attributesGivenAndExtracted() {
    assertRejectedBeforeRun(config().set("datagen.attributes", List.of("sports"))
        .set("datagen.extract_attributes", true).build(), "datagen", "give attributes or set extract_attributes");
  }

  @Test
  void unknownOrMisconfiguredStage() {
    assertRejectedBeforeRun(config().set("datagen.stages", List.of("polish")).build(), "datagen",
        "unknown or malformed stage \"polish\"");
    assertRejectedBeforeRun(config().set("datagen.stages", List.of(Map.of("reflection", Map.of("max_rounds", 0))))
        .build(), "datagen.stages[0].reflection", "max_rounds must be in [1, 20]: 0");
  }
}
