package io.synthkit.method.reversegen.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.json.Json;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The trainer parameters: defaults per trainer type, each range check at its bound, and the trained-model JSON. */
class TrainerParamsTest {

  /** The record's components, all unset unless given. */
  private static final class P {
    String type;
    Boolean warmup;
    Double beta;
    Integer epochs;
    String suffix;
    Double poll;
    Integer timeout;
    Integer minPairs;
    List<String> command;
    Integer examples;
    Integer pool;
  }

  private static TrainerParams with(Consumer<P> set) {
    P p = new P();
    set.accept(p);
    return new TrainerParams(p.type, p.warmup, p.beta, p.epochs, p.suffix, p.poll, p.timeout, p.minPairs, p.command,
        p.examples, p.pool);
  }

  private static void rejected(Supplier<TrainerParams> make, String message) {
    assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void defaults_inContextWithoutWeightUpdates() {
    TrainerParams p = TrainerParams.DEFAULT;
    assertThat(p.type()).isEqualTo("in-context");
    assertThat(p.updatesWeights()).isFalse();
    assertThat(p.warmup()).isTrue();
    assertThat(p.beta()).isEqualTo(0.1);
    assertThat(p.epochs()).isNull();
    assertThat(p.suffix()).isEqualTo("reversegen");
    assertThat(p.pollSeconds()).isEqualTo(15.0);
    assertThat(p.timeoutMinutes()).isEqualTo(240);
    assertThat(p.minPairs()).isEqualTo(1);
    assertThat(p.command()).isNull();
    assertThat(p.examples()).isEqualTo(3);
    assertThat(p.pool()).isEqualTo(20);
    assertThat(with(x -> x.warmup = false).warmup()).isFalse();
  }

  @Test
  void minPairs_defaultsToTenForOpenAiAndOneForCommands() {
    TrainerParams openAi = with(x -> x.type = "openai-finetune");
    assertThat(openAi.minPairs()).isEqualTo(10);
    assertThat(openAi.updatesWeights()).isTrue();
    TrainerParams command = with(x -> {
      x.type = "command";
      x.command = List.of("python train.py");
    });
    assertThat(command.minPairs()).isEqualTo(1);
    assertThat(command.updatesWeights()).isTrue();
    assertThat(command.command()).containsExactly("python train.py");
  }

  @Test
  void eachBound_acceptsItsEdgeAndRejectsOnePast() {
    rejected(() -> with(x -> x.type = "lora"), "type must be one of in-context, openai-finetune, command: lora");
    assertThat(with(x -> x.beta = 0.001).beta()).isEqualTo(0.001);
    rejected(() -> with(x -> x.beta = 0.0), "beta must be positive: 0.0");
    assertThat(with(x -> x.epochs = 1).epochs()).isEqualTo(1);
    rejected(() -> with(x -> x.epochs = 0), "epochs must be at least 1: 0");
    assertThat(with(x -> x.suffix = "").suffix()).isEmpty();
    assertThat(with(x -> x.suffix = "a".repeat(40)).suffix()).hasSize(40);
    assertThat(with(x -> x.suffix = "v1.2_x-y").suffix()).isEqualTo("v1.2_x-y");
    rejected(() -> with(x -> x.suffix = "a".repeat(41)), "suffix must be up to 40 letters, digits, '.', '_' or '-': "
        + "a".repeat(41));
    rejected(() -> with(x -> x.suffix = "my model"), "suffix must be up to 40 letters, digits, '.', '_' or '-': my"
        + " model");
    assertThat(with(x -> x.poll = 0.01).pollSeconds()).isEqualTo(0.01);
    rejected(() -> with(x -> x.poll = 0.0), "poll_seconds must be positive: 0.0");
    assertThat(with(x -> x.timeout = 1).timeoutMinutes()).isEqualTo(1);
    rejected(() -> with(x -> x.timeout = 0), "timeout_minutes must be at least 1: 0");
    assertThat(with(x -> x.minPairs = 1).minPairs()).isEqualTo(1);
    rejected(() -> with(x -> x.minPairs = 0), "min_pairs must be at least 1: 0");
    assertThat(with(x -> x.examples = 0).examples()).isZero();
    rejected(() -> with(x -> x.examples = -1), "examples must not be negative: -1");
    assertThat(with(x -> x.pool = 1).pool()).isEqualTo(1);
    rejected(() -> with(x -> x.pool = 0), "pool must be at least 1: 0");
  }

  @Test
  void commandTrainer_needsANonBlankCommand() {
    String message = "command is required for trainer type command, e.g. command: \"python train_dpo.py\"";
    rejected(() -> with(x -> x.type = "command"), message);
    rejected(() -> with(x -> {
      x.type = "command";
      x.command = List.of();
    }), message);
    rejected(() -> with(x -> {
      x.type = "command";
      x.command = List.of(" ", "train.py");
    }), message);
    assertThat(with(x -> x.command = List.of()).command()).as("other trainers ignore it").isEmpty();
  }

  @Test
  void trainedModel_roundTripsThroughJsonWithAndWithoutABaseUrl() {
    TrainedModel local = new TrainedModel("ft:gpt-4o-mini:rg", "http://localhost:8000/v1");
    assertThat(Json.write(local.toJson())).isEqualTo(
        "{\"model\":\"ft:gpt-4o-mini:rg\",\"base_url\":\"http://localhost:8000/v1\"}");
    assertThat(TrainedModel.fromJson(local.toJson())).isEqualTo(local);
    TrainedModel hosted = new TrainedModel("ft:gpt-4o-mini:rg", null);
    assertThat(Json.write(hosted.toJson())).isEqualTo("{\"model\":\"ft:gpt-4o-mini:rg\"}");
    assertThat(TrainedModel.fromJson(hosted.toJson())).isEqualTo(hosted);
    assertThat(TrainedModel.fromJson(Json.object().put("model", "m").put("base_url", 3)).baseUrl()).isNull();
  }
}
