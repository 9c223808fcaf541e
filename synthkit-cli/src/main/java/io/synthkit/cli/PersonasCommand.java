package io.synthkit.cli;

import io.synthkit.Personas;
import io.synthkit.Synthkit;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Usage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synthkit personas}: builds persona pools for persona-conditioned methods such as AIDE. */
@Command(name = "personas", mixinStandardHelpOptions = true,
    description = {"Build persona pools for AIDE (personas: {file: ...}).",
        "  synthkit personas generate --from SEEDS_OR_CORPUS.jsonl --out personas.jsonl"},
    subcommands = {PersonasCommand.Generate.class, CommandLine.HelpCommand.class})
final class PersonasCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw SynthkitException.input("personas needs a subcommand: generate (see synthkit personas --help)");
  }

  /** {@code synthkit personas generate}: Persona Hub's text-to-persona over the user's own texts. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"Infer who would write, read or need each text (Persona Hub's text-to-persona), drop exact and"
          + " near duplicates, and write {\"persona\": ...} JSON Lines usable as AIDE's persona pool.",
          "The model comes from --config (models.persona_generator, else models.default) or, without it, from"
              + " OPENAI_API_KEY / OPENAI_BASE_URL / ANTHROPIC_API_KEY, else the simulator."})
  static final class Generate implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "FILE",
        description = "seeds or corpus: JSONL, a JSON array, or .txt with one text per line")
    Path from;

    @Option(names = "--field", defaultValue = "text", description = "the field holding the text (default"
        + " ${DEFAULT-VALUE}; AIDE seeds usually use question)")
    String field;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the persona file to write")
    Path out;

    @Option(names = "--config", paramLabel = "CFG", description = "a run config whose models (and prompts_dir) to use")
    Path config;

    @Option(names = "--per-text", defaultValue = "3", description = "personas per text (default ${DEFAULT-VALUE})")
    int perText;

    @Option(names = "--near-threshold", defaultValue = "0.7",
        description = "drop personas this similar (word Jaccard) to a kept one (default ${DEFAULT-VALUE})")
    double nearThreshold;

    @Option(names = "--limit", description = "read only the first N texts")
    Integer limit;

    @Option(names = "--overwrite", description = "replace an existing output file")
    boolean overwrite;

    @Override
    public Integer call() {
      Personas.Result r = Synthkit.personas(Personas.of(from, out).withField(field).withConfig(config)
          .withPerText(perText).withNearThreshold(nearThreshold).withLimit(limit).withOverwrite(overwrite)
          .withListener(new ProgressLine(System.err, false, false, java.time.Duration.ofSeconds(10)))
          .withProgress((done, total) -> System.err.printf(Locale.ROOT, "[synthkit] %d/%d texts%n", done, total)));
      Usage u = r.usage();
      System.out.printf(Locale.ROOT, "wrote %d personas to %s from %d texts (%d proposed, %d exact and %d near"
          + " duplicates dropped, %d texts without a valid reply)%n", r.personas().size(), r.out(), r.texts(),
          r.proposed(), r.exactDuplicates(), r.nearDuplicates(), r.failedTexts());
      System.out.printf(Locale.ROOT, "model calls: %d, tokens: %d prompt + %d completion, cost: $%.4f%n",
          u.calls(), u.promptTokens(), u.completionTokens(), u.costUsd());
      if (r.simulated()) {
        System.out.println("SIMULATED: these personas are placeholder text from synthkit's simulator. Configure a"
            + " model (--config, or OPENAI_API_KEY / ANTHROPIC_API_KEY) for real personas.");
      }
      return 0;
    }
  }
}
