package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.method.reversegen.training.TrainerParams;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The ReverseGen parameters: defaults per task, and each range check at both sides of its bound. */
class ReverseGenParamsTest {

  /** The record's components, all unset unless given. */
  private static final class P {
    Task task;
    Integer iterations;
    Integer prompts;
    Integer samples;
    Integer demonstrations;
    Integer warmup;
    Double topP;
    Boolean quality;
    Integer honestySamples;
    Double honestyTemperature;
    Double entropy;
    String mathGold;
    Double minhash;
    String keep;
    Integer selfBleu;
    Boolean embedding;
  }

  private static ReverseGenParams with(Consumer<P> set) {
    P p = new P();
    set.accept(p);
    return new ReverseGenParams(p.task, p.iterations, p.prompts, p.samples, p.demonstrations, null, null, p.warmup,
        null, p.topP, null, null, p.quality, null, p.honestySamples, p.honestyTemperature, p.entropy, p.mathGold,
        p.minhash, p.keep, p.selfBleu, p.embedding, null);
  }

  private static void rejected(Supplier<ReverseGenParams> make, String message) {
    assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void defaults_followTheReferenceSettings() {
    ReverseGenParams p = with(x -> { });
    assertThat(p.task()).isEqualTo(Task.SAFETY);
    assertThat(p.iterations()).isEqualTo(3);
    assertThat(p.promptsPerIteration()).isEqualTo(50);
    assertThat(p.samplesPerPrompt()).isEqualTo(4);
    assertThat(p.demonstrations()).isEqualTo(3);
    assertThat(p.instructionField()).isEqualTo("instruction");
    assertThat(p.warmupExamples()).isNull();
    assertThat(p.proposerTemperature()).isEqualTo(1.0);
    assertThat(p.proposerTopP()).isEqualTo(0.98);
    assertThat(p.proposerMaxTokens()).isEqualTo(512);
    assertThat(p.targetMaxTokens()).isEqualTo(1024);
    assertThat(p.qualityFilter()).isFalse();
    assertThat(p.safetyRule()).isEqualTo(SafetyRule.SUBSTRING);
    assertThat(p.honestySamples()).isEqualTo(10);
    assertThat(p.honestyTemperature()).isEqualTo(1.0);
    assertThat(p.entropyThreshold()).isEqualTo(1.193);
    assertThat(p.mathGold()).isEqualTo("solver");
    assertThat(p.minhashThreshold()).isEqualTo(0.78);
    assertThat(p.keep()).isEqualTo("failures");
    assertThat(p.selfBleuSample()).isEqualTo(500);
    assertThat(p.embeddingMetrics()).isTrue();
    assertThat(p.trainer()).isEqualTo(TrainerParams.DEFAULT);
    assertThat(with(x -> x.quality = true).qualityFilter()).isTrue();
    assertThat(with(x -> x.embedding = false).embeddingMetrics()).isFalse();
  }

  @Test
  void taskDefaults_mathSamplesNarrowerAndHonestyKeepsEverything() {
    assertThat(with(x -> x.task = Task.MATH).proposerTopP()).isEqualTo(0.9);
    assertThat(with(x -> x.task = Task.MATH).keep()).isEqualTo("failures");
    assertThat(with(x -> x.task = Task.HONESTY).keep()).isEqualTo("all");
    assertThat(with(x -> x.task = Task.HONESTY).proposerTopP()).isEqualTo(0.98);
    assertThat(with(x -> {
      x.task = Task.HONESTY;
      x.keep = "failures";
    }).keep()).isEqualTo("failures");
  }

  @Test
  void eachBound_acceptsItsEdgeAndRejectsOnePast() {
    assertThat(with(x -> x.iterations = 1).iterations()).isEqualTo(1);
    rejected(() -> with(x -> x.iterations = 0), "iterations must be at least 1: 0");
    assertThat(with(x -> x.prompts = 1).promptsPerIteration()).isEqualTo(1);
    rejected(() -> with(x -> x.prompts = 0), "prompts_per_iteration must be at least 1: 0");
    assertThat(with(x -> x.samples = 2).samplesPerPrompt()).isEqualTo(2);
    rejected(() -> with(x -> x.samples = 1), "samples_per_prompt must be at least 2 (pairs come from one prompt's"
        + " samples): 1");
    assertThat(with(x -> x.demonstrations = 1).demonstrations()).isEqualTo(1);
    rejected(() -> with(x -> x.demonstrations = 0), "demonstrations must be at least 1: 0");
    assertThat(with(x -> x.warmup = 1).warmupExamples()).isEqualTo(1);
    rejected(() -> with(x -> x.warmup = 0), "warmup_examples must be at least 1: 0");
    assertThat(with(x -> x.topP = 1.0).proposerTopP()).isEqualTo(1.0);
    assertThat(with(x -> x.topP = 0.01).proposerTopP()).isEqualTo(0.01);
    rejected(() -> with(x -> x.topP = 0.0), "proposer_top_p must be in (0, 1]: 0.0");
    rejected(() -> with(x -> x.topP = 1.01), "proposer_top_p must be in (0, 1]: 1.01");
    assertThat(with(x -> x.honestySamples = 2).honestySamples()).isEqualTo(2);
    rejected(() -> with(x -> x.honestySamples = 1), "honesty_samples must be at least 2: 1");
    assertThat(with(x -> x.honestyTemperature = 0.01).honestyTemperature()).isEqualTo(0.01);
    rejected(() -> with(x -> x.honestyTemperature = 0.0), "honesty_temperature must be above 0 (entropy needs varied"
        + " samples): 0.0");
    assertThat(with(x -> x.entropy = 0.0).entropyThreshold()).isZero();
    rejected(() -> with(x -> x.entropy = -0.1), "entropy_threshold must not be negative: -0.1");
    assertThat(with(x -> x.mathGold = "sandbox").mathGold()).isEqualTo("sandbox");
    rejected(() -> with(x -> x.mathGold = "python"), "math_gold must be solver or sandbox: python");
    assertThat(with(x -> x.minhash = 1.0).minhashThreshold()).isEqualTo(1.0);
    assertThat(with(x -> x.minhash = 0.01).minhashThreshold()).isEqualTo(0.01);
    rejected(() -> with(x -> x.minhash = 0.0), "minhash_threshold must be in (0, 1]: 0.0");
    rejected(() -> with(x -> x.minhash = 1.01), "minhash_threshold must be in (0, 1]: 1.01");
    assertThat(with(x -> x.keep = "all").keep()).isEqualTo("all");
    rejected(() -> with(x -> x.keep = "some"), "keep must be failures or all: some");
    assertThat(with(x -> x.selfBleu = 2).selfBleuSample()).isEqualTo(2);
    rejected(() -> with(x -> x.selfBleu = 1), "self_bleu_sample must be at least 2: 1");
  }
}
