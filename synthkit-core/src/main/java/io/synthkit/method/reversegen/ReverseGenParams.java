package io.synthkit.method.reversegen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.method.reversegen.training.TrainerParams;

/**
 * Parameters of ReverseGen ({@code reversegen:} section). Provenance (methods.md §4): three demonstrations per proposer
 * prompt and the open fourth slot ({@code preprocess.py}); proposer temperature 1 with top_p 0.98 (safety, honesty) or
 * 0.9 (math) and 512 new tokens; target greedy with 1024 new tokens; 10 target samples and entropy threshold 1.193 nats
 * for honesty; MinHash Jaccard 0.78 over word unigrams ({@code minhash.sh}); ReverseGen's "unsafe" substring rule.
 * The iteration count is not in the code; 3 is the default. Several samples per prompt are needed to pair
 * completions of the same prompt (the code's comment suggests 5; 4 is the default here).
 *
 * @param task safety, honesty or math
 * @param iterations propose-feedback-update rounds
 * @param promptsPerIteration proposer prompts per iteration
 * @param samplesPerPrompt completions per proposer prompt (at least 2, so pairs can form)
 * @param demonstrations numbered instructions shown per prompt
 * @param instructionField the instruction field of a JSONL instruction set
 * @param subject honesty: the subject named in the header; default the items' {@code subject} or "general knowledge"
 * @param warmupExamples supervised warm-up size; default every instruction once
 * @param proposerTemperature proposer temperature
 * @param proposerTopP proposer top_p; default by task
 * @param proposerMaxTokens proposer reply limit
 * @param targetMaxTokens target reply limit
 * @param qualityFilter ask the checker role whether each instruction is valid before probing the target
 * @param safetyRule how the judge's verdict is read
 * @param honestySamples honesty: target samples per question
 * @param honestyTemperature honesty: sampling temperature (must be above 0)
 * @param entropyThreshold honesty: failure when the answer entropy is at least this (nats)
 * @param mathGold math: gold answers from the solver's reply ({@code solver}) or its program run in the sandbox
 *     ({@code sandbox})
 * @param minhashThreshold near-duplicate when the estimated Jaccard similarity is at least this
 * @param keep which judged instructions become records: {@code failures} or {@code all}; default failures, but all
 *     for honesty (calibration data needs sure and unsure examples)
 * @param selfBleuSample Self-BLEU uses at most this many hypotheses (seeded sample), as ReverseGen's hypo_size
 * @param embeddingMetrics compute inner similarity and novelty with the run's embedder
 * @param trainer how the proposer is updated
 */
public record ReverseGenParams(
    @JsonPropertyDescription("safety | honesty | math") Task task,
    @JsonPropertyDescription("propose-feedback-update rounds") Integer iterations,
    @JsonProperty("prompts_per_iteration") @JsonPropertyDescription("proposer prompts per iteration")
        Integer promptsPerIteration,
    @JsonProperty("samples_per_prompt") @JsonPropertyDescription("completions per prompt (>= 2 for pairs)")
        Integer samplesPerPrompt,
    @JsonPropertyDescription("numbered demonstrations per prompt") Integer demonstrations,
    @JsonProperty("instruction_field") @JsonPropertyDescription("instruction field of a JSONL instruction set")
        String instructionField,
    @JsonPropertyDescription("honesty: subject named in the prompt header") String subject,
    @JsonProperty("warmup_examples") @JsonPropertyDescription("supervised warm-up size (default: every instruction)")
        Integer warmupExamples,
    @JsonProperty("proposer_temperature") @JsonPropertyDescription("proposer temperature") Double proposerTemperature,
    @JsonProperty("proposer_top_p") @JsonPropertyDescription("proposer top_p (default 0.98, math 0.9)")
        Double proposerTopP,
    @JsonProperty("proposer_max_tokens") @JsonPropertyDescription("proposer reply limit") Integer proposerMaxTokens,
    @JsonProperty("target_max_tokens") @JsonPropertyDescription("target reply limit") Integer targetMaxTokens,
    @JsonProperty("quality_filter") @JsonPropertyDescription("LLM validity check before probing the target")
        Boolean qualityFilter,
    @JsonProperty("safety_rule") @JsonPropertyDescription("substring | first-line | structured") SafetyRule safetyRule,
    @JsonProperty("honesty_samples") @JsonPropertyDescription("honesty: target samples per question")
        Integer honestySamples,
    @JsonProperty("honesty_temperature") @JsonPropertyDescription("honesty: sampling temperature (> 0)")
        Double honestyTemperature,
    @JsonProperty("entropy_threshold") @JsonPropertyDescription("honesty: failure when entropy >= this (nats)")
        Double entropyThreshold,
    @JsonProperty("math_gold") @JsonPropertyDescription("math: solver | sandbox") String mathGold,
    @JsonProperty("minhash_threshold") @JsonPropertyDescription("near-duplicate Jaccard threshold")
        Double minhashThreshold,
    @JsonPropertyDescription("records from: failures | all (default failures; honesty all)") String keep,
    @JsonProperty("self_bleu_sample") @JsonPropertyDescription("Self-BLEU hypotheses sampled at most")
        Integer selfBleuSample,
    @JsonProperty("embedding_metrics") @JsonPropertyDescription("inner similarity and novelty per iteration")
        Boolean embeddingMetrics,
    @JsonPropertyDescription("proposer update: {type: in-context | openai-finetune | command, ...}")
        TrainerParams trainer) {

  /** Fills defaults and checks ranges. */
  public ReverseGenParams {
    task = task == null ? Task.SAFETY : task;
    iterations = iterations == null ? 3 : iterations;
    promptsPerIteration = promptsPerIteration == null ? 50 : promptsPerIteration;
    samplesPerPrompt = samplesPerPrompt == null ? 4 : samplesPerPrompt;
    demonstrations = demonstrations == null ? 3 : demonstrations;
    instructionField = instructionField == null ? "instruction" : instructionField;
    proposerTemperature = proposerTemperature == null ? 1.0 : proposerTemperature;
    proposerTopP = proposerTopP == null ? task.defaultTopP() : proposerTopP;
    proposerMaxTokens = proposerMaxTokens == null ? 512 : proposerMaxTokens;
    targetMaxTokens = targetMaxTokens == null ? 1024 : targetMaxTokens;
    qualityFilter = qualityFilter != null && qualityFilter;
    safetyRule = safetyRule == null ? SafetyRule.SUBSTRING : safetyRule;
    honestySamples = honestySamples == null ? 10 : honestySamples;
    honestyTemperature = honestyTemperature == null ? 1.0 : honestyTemperature;
    entropyThreshold = entropyThreshold == null ? 1.193 : entropyThreshold;
    mathGold = mathGold == null ? "solver" : mathGold;
    minhashThreshold = minhashThreshold == null ? 0.78 : minhashThreshold;
    keep = keep == null ? (task == Task.HONESTY ? "all" : "failures") : keep;
    selfBleuSample = selfBleuSample == null ? 500 : selfBleuSample;
    embeddingMetrics = embeddingMetrics == null || embeddingMetrics;
    trainer = trainer == null ? TrainerParams.DEFAULT : trainer;
    require(iterations >= 1, "iterations must be at least 1: " + iterations);
    require(promptsPerIteration >= 1, "prompts_per_iteration must be at least 1: " + promptsPerIteration);
    require(samplesPerPrompt >= 2, "samples_per_prompt must be at least 2 (pairs come from one prompt's samples): "
        + samplesPerPrompt);
    require(demonstrations >= 1, "demonstrations must be at least 1: " + demonstrations);
    require(warmupExamples == null || warmupExamples >= 1, "warmup_examples must be at least 1: " + warmupExamples);
    require(proposerTopP > 0 && proposerTopP <= 1, "proposer_top_p must be in (0, 1]: " + proposerTopP);
    require(honestySamples >= 2, "honesty_samples must be at least 2: " + honestySamples);
    require(honestyTemperature > 0, "honesty_temperature must be above 0 (entropy needs varied samples): "
        + honestyTemperature);
    require(entropyThreshold >= 0, "entropy_threshold must not be negative: " + entropyThreshold);
    require(mathGold.equals("solver") || mathGold.equals("sandbox"), "math_gold must be solver or sandbox: "
        + mathGold);
    require(minhashThreshold > 0 && minhashThreshold <= 1, "minhash_threshold must be in (0, 1]: " + minhashThreshold);
    require(keep.equals("failures") || keep.equals("all"), "keep must be failures or all: " + keep);
    require(selfBleuSample >= 2, "self_bleu_sample must be at least 2: " + selfBleuSample);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
