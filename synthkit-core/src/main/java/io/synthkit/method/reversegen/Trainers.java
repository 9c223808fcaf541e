package io.synthkit.method.reversegen;

import io.synthkit.SynthkitException;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.run.RunContext;
import java.time.Duration;
import java.util.Map;

/** Creates the configured {@link ProposerTrainer}. */
final class Trainers {

  /** Used when the proposer role names no base URL. */
  static final String OPENAI_BASE = "https://api.openai.com/v1";

  private Trainers() {}

  static ProposerTrainer create(RunContext ctx, TrainerParams p) {
    return switch (p.type()) {
      case "openai-finetune" -> {
        TrainerJournal journal = TrainerJournal.open(ctx);
        yield new JournaledTrainer(new OpenAiFineTuneTrainer(p, client(ctx), journal, ctx::status, ctx.config().name()), journal,
            p.minPairs());
      }
      case "command" -> new JournaledTrainer(new CommandTrainer(p, ctx.config().runDir(), ctx.config().baseDir(),
          ctx.llm(ReverseGen.PROPOSER).baseUrl()), TrainerJournal.open(ctx), p.minPairs());
      default -> new InContextTrainer(p);
    };
  }

  /** A fine-tuning client on the proposer's endpoint, with its key and headers. */
  private static FineTuningClient client(RunContext ctx) {
    Map<String, ModelConfig> models = ctx.config().models();
    ModelConfig role = models.getOrDefault(ReverseGen.PROPOSER, ModelConfig.EMPTY).over(models.get("default"));
    if (role.provider() == ProviderKind.ANTHROPIC) {
      throw SynthkitException.input(ctx.config().at("reversegen.trainer.type") + "openai-finetune needs an"
          + " OpenAI-compatible proposer endpoint; models.proposer uses provider anthropic");
    }
    String base = ctx.llm(ReverseGen.PROPOSER).baseUrl();
    return ctx.closeAtEnd(new FineTuningClient(base == null || base.isBlank() ? OPENAI_BASE : base, role.apiKey(),
        role.headers(), Duration.ofSeconds(role.timeoutSecondsOrDefault())));
  }
}
