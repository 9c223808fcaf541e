package io.synthkit.method.reversegen.training;

import io.synthkit.spi.RunContext;

/** Creates the configured {@link ProposerTrainer}. */
public final class Trainers {

  private Trainers() {}

  /**
   * Creates the trainer a config names.
   *
   * @param ctx the run
   * @param p the trainer parameters
   * @param role the proposer's model role (its endpoint serves fine-tuning, or is passed to the training command)
   * @return the trainer
   */
  public static ProposerTrainer create(RunContext ctx, TrainerParams p, String role) {
    return switch (p.type()) {
      case "openai-finetune" -> {
        TrainerJournal journal = TrainerJournal.open(ctx);
        yield new JournaledTrainer(new OpenAiFineTuneTrainer(p, ctx.fineTuning(role), journal, ctx::status,
            ctx.config().name()), journal, p.minPairs());
      }
      case "command" -> new JournaledTrainer(new CommandTrainer(p, ctx.runDir(), ctx.resolve("."),
          ctx.llm(role).baseUrl()), TrainerJournal.open(ctx), p.minPairs());
      default -> new InContextTrainer(p);
    };
  }
}
