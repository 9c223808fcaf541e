package io.synthkit.persona;

import io.synthkit.run.ModelSession;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a persona file from a file of texts: what {@code synthkit personas generate} runs. The output and the texts
 * are checked ({@link #texts()}, {@link #options()}) before any model is opened, so a mistake costs nothing.
 *
 * @param from the seeds or corpus (JSONL, a JSON array, or .txt with one text per line)
 * @param field the field holding the text
 * @param out the persona file to write
 * @param limit read only the first n texts; null for all
 * @param overwrite replace an existing {@code out}
 * @param perText personas asked for per text
 * @param nearThreshold word-Jaccard similarity at which a persona is dropped as a near duplicate
 */
public record PersonaJob(Path from, String field, Path out, @Nullable Integer limit, boolean overwrite, int perText,
    double nearThreshold) {

  /**
   * What a job produced.
   *
   * @param result the personas and the counts
   * @param usage calls, tokens and cost
   * @param simulated true when the model was synthkit's simulator (the personas are placeholders)
   */
  public record Outcome(PersonaGenerator.Result result, Usage usage, boolean simulated) {}

  /**
   * Checks that the output may be written and reads the texts.
   *
   * @return the texts, in file order, cut at the limit
   * @throws SynthkitException (exit 2) when the output exists without {@code overwrite}, or a text is missing
   */
  public List<String> texts() {
    if (Files.exists(out) && !overwrite) {
      throw SynthkitException.input(out + " exists; pass --overwrite to replace it");
    }
    List<String> texts = PersonaGenerator.readTexts(from, field);
    return limit == null ? texts : texts.subList(0, Math.min(Math.max(0, limit), texts.size()));
  }

  /**
   * Returns the generator's tunables.
   *
   * @return the options
   * @throws SynthkitException (exit 2) when a value is out of range
   */
  public PersonaGenerator.Options options() {
    try {
      return new PersonaGenerator.Options(perText, nearThreshold, PersonaGenerator.Options.DEFAULT.maxTextChars());
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  /**
   * Infers personas for the texts with the {@value PersonaGenerator#ROLE} role and writes the file.
   *
   * @param texts the texts from {@link #texts()}
   * @param options the options from {@link #options()}
   * @param models the model roles (the role falls back to {@code default})
   * @param prompts where {@code personas/from-text} comes from
   * @param progress told how many texts are done; may be null
   * @return what was written
   */
  public Outcome run(List<String> texts, PersonaGenerator.Options options, ModelSession models, PromptLibrary prompts,
      @Nullable IntConsumer progress) {
    Llm llm = models.llm(PersonaGenerator.ROLE);
    PersonaGenerator.Result r = new PersonaGenerator(llm, prompts, options).generate(texts, progress);
    PersonaGenerator.write(out, r.personas(), llm.simulated());
    return new Outcome(r, models.usage(), llm.simulated());
  }
}
