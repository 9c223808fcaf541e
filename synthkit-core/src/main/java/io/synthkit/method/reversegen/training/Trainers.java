package io.synthkit.method.reversegen.training;

import io.synthkit.spi.ConfigView;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.SynthkitException;

/** Creates the configured {@link ProposerTrainer}. */
public final class Trainers {

  private Trainers() {}

  /**
   * Checks, before the run directory opens, what a trainer needs from the run's models: fine-tuning jobs need an
   * OpenAI-compatible endpoint for the proposer (the Anthropic API has no fine-tuning).
   *
   * @param config the run config
   * @param p the trainer parameters
   * @param role the proposer's model role
   * @throws SynthkitException naming the key when the role cannot be trained this way
   */
  public static void validate(ConfigView config, TrainerParams p, String role) {
    if (p.type().equals("openai-finetune") && config.provider(role).equals("anthropic")) {
      throw SynthkitException.input(config.at("reversegen.trainer.type") + "openai-finetune needs an OpenAI-compatible"
          + " fine-tuning API, but models." + role + " uses provider anthropic; point models." + role + " at an"
          + " OpenAI-compatible server, or use trainer type command or in-context");
    }
  }

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
