package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the proposer is updated between iterations ({@code reversegen.trainer:}). Defaults: DPO beta 0.1 as in
 * ReverseGen's {@code loss/dpo.yaml}; at least 10 pairs for OpenAI fine-tuning (the API's minimum training file).
 *
 * @param type {@code in-context} (no weight update; default), {@code openai-finetune} or {@code command}
 * @param warmup run the supervised warm-up before the first iteration (trainers that update weights)
 * @param beta the DPO beta
 * @param epochs OpenAI {@code n_epochs}; unset lets the API choose
 * @param suffix the fine-tuned model name suffix (OpenAI) / a label for the command
 * @param pollSeconds how often to ask for a fine-tuning job's status
 * @param timeoutMinutes how long to wait for a fine-tuning job or a command
 * @param minPairs train only when an iteration produced at least this many pairs (default 10 for openai-finetune, 1
 *     for command)
 * @param command the training command: one string runs through {@code sh -c}, a list runs as-is
 * @param examples in-context: failure-inducing instructions added to each proposer prompt
 * @param pool in-context: the examples are drawn from this many most failure-inducing instructions found so far
 */
public record TrainerParams(
    @JsonPropertyDescription("in-context | openai-finetune | command") String type,
    @JsonPropertyDescription("supervised warm-up of the proposer first (weight-updating trainers)") Boolean warmup,
    @JsonPropertyDescription("DPO beta") Double beta,
    @JsonPropertyDescription("OpenAI n_epochs (unset: the API chooses)") @Nullable Integer epochs,
    @JsonPropertyDescription("fine-tuned model name suffix") String suffix,
    @JsonProperty("poll_seconds") @JsonPropertyDescription("seconds between job status polls") Double pollSeconds,
    @JsonProperty("timeout_minutes") @JsonPropertyDescription("longest wait for a job or command") Integer timeoutMinutes,
    @JsonProperty("min_pairs") @JsonPropertyDescription("skip training with fewer pairs (default 10 openai, 1 command)")
        Integer minPairs,
    @JsonPropertyDescription("training command (command trainer); one string runs via sh -c")
        @Nullable List<String> command,
    @JsonPropertyDescription("in-context: failure examples added per prompt") Integer examples,
    @JsonPropertyDescription("in-context: draw examples from this many top failures") Integer pool) {

  /** The trainer types. */
  public static final Set<String> TYPES = Set.of("in-context", "openai-finetune", "command");

  /** The defaults: in-context. */
  // The compact constructor replaces each null with its default, which NullAway cannot see.
  @SuppressWarnings("NullAway")
  public static final TrainerParams DEFAULT = new TrainerParams(null, null, null, null, null, null, null, null, null,
      null, null);

  /** Fills defaults and checks ranges. */
  public TrainerParams {
    type = type == null ? "in-context" : type;
    warmup = warmup == null || warmup;
    beta = beta == null ? 0.1 : beta;
    suffix = suffix == null ? "reversegen" : suffix;
    pollSeconds = pollSeconds == null ? 15.0 : pollSeconds;
    timeoutMinutes = timeoutMinutes == null ? 240 : timeoutMinutes;
    minPairs = minPairs == null ? (type.equals("openai-finetune") ? 10 : 1) : minPairs;
    command = command == null ? null : List.copyOf(command);
    examples = examples == null ? 3 : examples;
    pool = pool == null ? 20 : pool;
    require(TYPES.contains(type), "type must be one of in-context, openai-finetune, command: " + type);
    require(beta > 0, "beta must be positive: " + beta);
    require(epochs == null || epochs >= 1, "epochs must be at least 1: " + epochs);
    require(suffix.matches("[A-Za-z0-9_.-]{0,40}"), "suffix must be up to 40 letters, digits, '.', '_' or '-': "
        + suffix);
    require(pollSeconds > 0, "poll_seconds must be positive: " + pollSeconds);
    require(timeoutMinutes >= 1, "timeout_minutes must be at least 1: " + timeoutMinutes);
    require(minPairs >= 1, "min_pairs must be at least 1: " + minPairs);
    require(!type.equals("command") || (command != null && !command.isEmpty() && !command.get(0).isBlank()),
        "command is required for trainer type command, e.g. command: \"python train_dpo.py\"");
    require(examples >= 0, "examples must not be negative: " + examples);
    require(pool >= 1, "pool must be at least 1: " + pool);
  }

  /** @return true when the trainer changes the proposer's weights (and so can run a supervised warm-up) */
  public boolean updatesWeights() {
    return !type.equals("in-context");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
