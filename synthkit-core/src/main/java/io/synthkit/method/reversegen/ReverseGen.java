package io.synthkit.method.reversegen;

import io.synthkit.json.Json;
import io.synthkit.method.reversegen.training.Instruction;
import io.synthkit.method.reversegen.training.PreferencePair;
import io.synthkit.method.reversegen.training.ProposerTrainer;
import io.synthkit.method.reversegen.training.SftExample;
import io.synthkit.method.reversegen.training.TrainedModel;
import io.synthkit.method.reversegen.training.Trainers;
import io.synthkit.method.reversegen.training.TrainingFiles;
import io.synthkit.method.reversegen.training.TrainingRound;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.Sampling;
import java.util.List;

/**
 * ReverseGen (Li et al., "Forewarned is Forearmed", arXiv 2410.16736): a proposer model learns to write instructions
 * that make a target model fail, and the failures become the target's training data (methods.md §4).
 *
 * <pre>
 * prompts := task header + 3 numbered instructions from the user's set + an open 4th slot
 * warm-up: supervised fine-tuning of the proposer on (prompt, held-out 4th instruction)     [weight trainers]
 * for iteration 1..N:
 *   propose:  several completions per prompt (T 1, top_p 0.98 / math 0.9); clean; dedup; optional validity check
 *   feedback: the target answers each instruction greedily
 *   oracle:   safety - a judge says unsafe; honesty - answer entropy of 10 samples >= 1.193; math - wrong final number
 *   pairs:    per prompt, failure-inducing completion = chosen, non-failing completion = rejected
 *   records:  failure-inducing instructions with correct responses (safe reply, reference solution, sure/unsure)
 *   update:   the proposer learns from the pairs (DPO fine-tuning job, the user's command, or in-context steering)
 * </pre>
 *
 * <p>Unlike the public code, which zipped independently shuffled prompts, successes and failures, a pair's two
 * instructions are completions of the same prompt, and honesty entropy is computed over sampled answers rather than
 * the characters of one reply. Trainer results are journaled, so a resumed run continues with the model each
 * iteration produced and never trains twice.
 */
public final class ReverseGen implements Method<ReverseGenParams> {

  /** Writes instructions. */
  public static final String PROPOSER = "proposer";
  /** The model probed for failures. */
  public static final String TARGET = "target";
  /** Safety oracle: classifies the target's responses. */
  public static final String JUDGE = "judge";
  /** Math oracle: writes reference solutions. */
  public static final String SOLVER = "solver";
  /** Writes the safe responses of the safety training data. */
  public static final String RESPONDER = "responder";
  /** The optional validity check of proposed instructions. */
  public static final String CHECKER = "checker";

  @Override
  public String name() {
    return "reversegen";
  }

  @Override
  public String description() {
    return "ReverseGen: train a proposer to write instructions the target fails on; failures become training data";
  }

  @Override
  public Class<ReverseGenParams> paramsType() {
    return ReverseGenParams.class;
  }

  @Override
  public List<String> roles() {
    return List.of(PROPOSER, TARGET, JUDGE, SOLVER, RESPONDER, CHECKER);
  }

  /** Reads the instruction set and checks the trainer against the proposer's endpoint before the run opens. */
  @Override
  public void validate(ReverseGenParams p, ConfigView config) {
    InstructionSet.read(config, p);
    Trainers.validate(config, p.trainer(), PROPOSER);
  }

  @Override
  public void run(RunContext ctx, ReverseGenParams p) {
    InstructionSet seeds = InstructionSet.read(ctx.config(), p);
    ctx.declareTextField("instruction");
    ProposerPrompts prompts = new ProposerPrompts(ctx, p, seeds);
    TrainingFiles files = new TrainingFiles(ctx.runDir(), ctx.simulated());
    ProposerTrainer trainer = Trainers.create(ctx, p.trainer(), PROPOSER);
    Proposals proposals = new Proposals(ctx, p, seeds, ctx.llm(CHECKER).stage("check"));
    Feedback feedback = new Feedback(ctx, p.task(), target(ctx, p).with(new Sampling(0.0, null, null, null, null)),
        oracle(ctx, p));
    TargetData data = new TargetData(ctx, p, ctx.llm(RESPONDER).stage("respond"));
    IterationMetrics metrics = new IterationMetrics(ctx, p, seeds);
    ctx.summary("task", p.task().wire());
    ctx.summary("trainer", trainer.describe());

    Llm role = ctx.llm(PROPOSER).stage("propose").with(new Sampling(p.proposerTemperature(), p.proposerTopP(),
        p.proposerMaxTokens(), null, null));
    TrainedModel model = TrainedModel.of(role);
    if (p.trainer().updatesWeights() && p.trainer().warmup()) {
      ctx.step("warm-up fine-tuning", "supervised fine-tuning of the proposer", 0);
      List<SftExample> warm = prompts.warmup();
      model = trainer.warmUp(warm, files.warmup(warm), model).orElse(model);
    }
    for (int i = 1; i <= p.iterations() && !ctx.done(); i++) {
      ctx.step("proposing", "iteration " + i + ", with " + model.model(), 0);
      Proposals.Batch batch = proposals.propose(model.on(role), prompts.iteration(i, trainer::steering));
      ctx.step("probing the target", "iteration " + i + ", " + batch.candidates().size() + " instructions", 0);
      List<Judged> judged = feedback.judge(batch.candidates());
      List<PreferencePair> pairs = Pairing.pairs(judged);
      TrainingFiles.Written written = files.iteration(i, pairs);
      int records = data.accept(judged, model.model());
      metrics.report(i, model.model(), batch, judged, pairs.size(), records);
      if (i < p.iterations() && !ctx.done()) {
        ctx.step("updating the proposer", "iteration " + i + ", " + trainer.name() + ", " + pairs.size() + " pairs",
            0);
        model = trainer.train(new TrainingRound(i, pairs, failures(judged), written), model).orElse(model);
      }
    }
    ctx.summary("final_proposer", Json.object().put("model", model.model()));
  }

  private static Llm target(RunContext ctx, ReverseGenParams p) {
    return ctx.llm(TARGET).stage("feedback").with(new Sampling(null, null, p.targetMaxTokens(), null, null));
  }

  private static Oracle oracle(RunContext ctx, ReverseGenParams p) {
    Sampling greedy = new Sampling(0.0, null, null, null, null);
    return switch (p.task()) {
      case SAFETY -> new SafetyOracle(ctx.llm(JUDGE).stage("judge").with(greedy), ctx.prompts(), p.safetyRule());
      case HONESTY -> new HonestyOracle(target(ctx, p), ctx.prompts(), p.honestySamples(), p.honestyTemperature(),
          p.entropyThreshold());
      case MATH -> new MathOracle(ctx.llm(SOLVER).stage("solve").with(greedy), ctx.prompts(), ctx,
          p.mathGold().equals("sandbox"));
    };
  }

  private static List<TrainingRound.Failure> failures(List<Judged> judged) {
    return judged.stream().filter(Judged::failure).map(j -> new TrainingRound.Failure(new Instruction(
        j.candidate().id(), j.candidate().text()), j.verdict().score())).toList();
  }
}
