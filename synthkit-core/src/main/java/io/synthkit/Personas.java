package io.synthkit;

import io.synthkit.persona.PersonaGenerator;
import io.synthkit.persona.PersonaJob;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Synthkit#personas(Personas)} builds, as {@code synthkit personas generate} does: a persona pool for
 * persona-conditioned methods such as AIDE ({@code personas: {file: ...}}). A model infers who would write, read or
 * need each text (Persona Hub's text-to-persona), exact and near duplicates are dropped, and the personas are written
 * as {@code {"persona", "relation", "source"}} JSON Lines. The model is the config's {@code persona_generator} role
 * (else {@code default}); without a config, the environment's ({@code OPENAI_API_KEY} / {@code OPENAI_BASE_URL} /
 * {@code ANTHROPIC_API_KEY}), else the simulator. Immutable; start with {@link #of(Path, Path)}.
 *
 * @param from seeds or corpus: JSONL, a JSON array, or .txt with one text per line
 * @param field the field holding the text (plain-text lines are read under it)
 * @param out the persona file to write
 * @param config a run config whose models (and {@code prompts_dir}) to use, or null
 * @param perText personas per text, 1 to 20
 * @param nearThreshold drop a persona this similar (word Jaccard) to a kept one, in (0, 1]
 * @param limit read only the first n texts; null for all
 * @param overwrite replace an existing output file
 * @param listener hears the config's notices; null logs them through SLF4J
 * @param progress told how many texts are done; null for none
 */
public record Personas(Path from, String field, Path out, @Nullable Path config, int perText, double nearThreshold,
    @Nullable Integer limit, boolean overwrite, @Nullable RunListener listener, @Nullable Progress progress) {

  /** Checks the parts. */
  public Personas {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(out, "out");
  }

  /**
   * Starts a persona build with the defaults: field {@code text}, three personas per text, near-duplicate threshold
   * 0.7, every text, no overwriting.
   *
   * @param from the texts
   * @param out the persona file to write
   * @return the build
   */
  public static Personas of(Path from, Path out) {
    PersonaGenerator.Options d = PersonaGenerator.Options.DEFAULT;
    return new Personas(from, "text", out, null, d.perText(), d.nearThreshold(), null, false, null, null);
  }

  /**
   * Returns a copy reading another field.
   *
   * @param name the field holding the text
   * @return the copy
   */
  public Personas withField(String name) {
    return new Personas(from, name, out, config, perText, nearThreshold, limit, overwrite, listener, progress);
  }

  /**
   * Returns a copy that takes its model from a run config.
   *
   * @param file the YAML run config, or null for the environment's model
   * @return the copy
   */
  public Personas withConfig(Path file) {
    return new Personas(from, field, out, file, perText, nearThreshold, limit, overwrite, listener, progress);
  }

  /**
   * Returns a copy asking for another number of personas per text.
   *
   * @param n personas per text
   * @return the copy
   */
  public Personas withPerText(int n) {
    return new Personas(from, field, out, config, n, nearThreshold, limit, overwrite, listener, progress);
  }

  /**
   * Returns a copy with another near-duplicate threshold.
   *
   * @param threshold word Jaccard similarity, in (0, 1]; 1 drops exact duplicates only
   * @return the copy
   */
  public Personas withNearThreshold(double threshold) {
    return new Personas(from, field, out, config, perText, threshold, limit, overwrite, listener, progress);
  }

  /**
   * Returns a copy reading only the first texts.
   *
   * @param texts how many, or null for all
   * @return the copy
   */
  public Personas withLimit(Integer texts) {
    return new Personas(from, field, out, config, perText, nearThreshold, texts, overwrite, listener, progress);
  }

  /**
   * Returns a copy that may replace an existing output file.
   *
   * @param replace whether to replace it
   * @return the copy
   */
  public Personas withOverwrite(boolean replace) {
    return new Personas(from, field, out, config, perText, nearThreshold, limit, replace, listener, progress);
  }

  /**
   * Returns a copy whose notices go to a listener.
   *
   * @param l the listener, or null for SLF4J
   * @return the copy
   */
  public Personas withListener(RunListener l) {
    return new Personas(from, field, out, config, perText, nearThreshold, limit, overwrite, l, progress);
  }

  /**
   * Returns a copy that reports progress.
   *
   * @param p the callback, or null
   * @return the copy
   */
  public Personas withProgress(Progress p) {
    return new Personas(from, field, out, config, perText, nearThreshold, limit, overwrite, listener, p);
  }

  PersonaJob job() {
    return new PersonaJob(from, field, out, limit, overwrite, perText, nearThreshold);
  }

  /** Hears how far a persona build is; called on the building thread after each chunk of texts. */
  @FunctionalInterface
  public interface Progress {

    /**
     * Reports the texts done so far.
     *
     * @param done texts done
     * @param total texts to do
     */
    void texts(int done, int total);
  }

  /**
   * What a persona build wrote.
   *
   * @param out the persona file
   * @param personas the kept personas, in text order
   * @param texts texts read
   * @param proposed personas the model proposed
   * @param exactDuplicates dropped as exact duplicates (blank ones included)
   * @param nearDuplicates dropped as near duplicates
   * @param failedTexts texts whose reply stayed invalid after the gateway's repairs
   * @param usage calls, tokens and cost
   * @param simulated true when the model was synthkit's simulator (the personas are placeholder text)
   */
  public record Result(Path out, List<String> personas, int texts, int proposed, int exactDuplicates,
      int nearDuplicates, int failedTexts, Usage usage, boolean simulated) {

    /** Copies the list. */
    public Result {
      personas = List.copyOf(personas);
    }

    static Result of(Path out, PersonaJob.Outcome o) {
      PersonaGenerator.Result r = o.result();
      return new Result(out, r.personas().stream().map(PersonaGenerator.GeneratedPersona::persona).toList(),
          r.texts(), r.proposed(), r.exactDuplicates(), r.nearDuplicates(), r.failedTexts(), o.usage(),
          o.simulated());
    }
  }
}
