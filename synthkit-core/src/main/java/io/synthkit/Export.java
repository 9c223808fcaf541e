package io.synthkit;

import io.synthkit.export.ExportFormat;
import io.synthkit.export.ExportOptions;
import io.synthkit.export.ExportResult;
import io.synthkit.export.FieldMapping;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Synthkit#export(Export)} writes, as {@code synthkit export} does: a run (or any JSONL dataset) in a
 * training format, optionally mixed with another dataset, with a dataset card {@code <name>.README.md} beside the file.
 * Immutable; start with {@link #of(Path, Format, Path)} and use the {@code with...} methods.
 *
 * <p>Rows are built from roles ({@code system}, {@code prompt}, {@code input}, {@code response}, {@code chosen},
 * {@code rejected}); each role's field comes from the mapping, else the method's defaults (self-instruct
 * instruction/input/output, data-advisor prompt/response, datagen text/label), else the usual field names.
 *
 * <pre>{@code
 * Export.Result r = Synthkit.export(Export.of(runDir, Export.Format.OPENAI_CHAT, Path.of("out/train.jsonl"))
 *     .withMapping("prompt=data.question,response=data.answer"));
 * }</pre>
 *
 * @param source a run directory or a JSONL file
 * @param format the training format
 * @param out the file to write
 * @param mapping field mapping {@code role=path,...} (overrides the defaults role by role), or null
 * @param mappingFile a YAML/JSON object {@code {prompt: data.question, ...}}; the {@code mapping} entries win; or null
 * @param mix another dataset to mix in (Alpagasus/Alpaca instruction/input/output, or prompt/response JSONL), or
 *     null
 * @param mixRatio mixed rows per generated row; null for every row of {@code mix} (as Data Advisor's training code)
 * @param seed the seed of the mix sample and shuffle
 * @param card whether to write the dataset card
 */
public record Export(Path source, Format format, Path out, @Nullable String mapping, @Nullable Path mappingFile,
    @Nullable Path mix, @Nullable Double mixRatio, long seed, boolean card) {

  /** Checks the parts. */
  public Export {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
  }

  /**
   * Starts an export with the default mapping, no mix, seed 42 and a dataset card.
   *
   * @param source a run directory or a JSONL file
   * @param format the format
   * @param out the file to write
   * @return the export
   */
  public static Export of(Path source, Format format, Path out) {
    ExportOptions d = ExportOptions.DEFAULT;
    return new Export(source, format, out, null, null, null, null, d.seed(), d.card());
  }

  /**
   * Returns a copy with an explicit mapping.
   *
   * @param spec {@code role=path,...}, e.g. {@code prompt=data.question,response=data.answer}
   * @return the copy
   */
  public Export withMapping(String spec) {
    return new Export(source, format, out, spec, mappingFile, mix, mixRatio, seed, card);
  }

  /**
   * Returns a copy that reads the mapping from a file.
   *
   * @param file a YAML or JSON object from role to field path
   * @return the copy
   */
  public Export withMappingFile(Path file) {
    return new Export(source, format, out, mapping, file, mix, mixRatio, seed, card);
  }

  /**
   * Returns a copy that mixes another dataset in.
   *
   * @param file the dataset to mix in
   * @param ratio mixed rows per generated row, or null for all of them
   * @return the copy
   */
  public Export withMix(Path file, @Nullable Double ratio) {
    return new Export(source, format, out, mapping, mappingFile, file, ratio, seed, card);
  }

  /**
   * Returns a copy with another seed for the mix sample and shuffle.
   *
   * @param newSeed the seed
   * @return the copy
   */
  public Export withSeed(long newSeed) {
    return new Export(source, format, out, mapping, mappingFile, mix, mixRatio, newSeed, card);
  }

  /**
   * Returns a copy that writes (or does not write) the dataset card.
   *
   * @param write whether to write the dataset card {@code <name>.README.md} beside the file
   * @return the copy
   */
  public Export withCard(boolean write) {
    return new Export(source, format, out, mapping, mappingFile, mix, mixRatio, seed, write);
  }

  /** The internal options; a ratio without a mix dataset is a mistake. */
  ExportOptions options() {
    if (mixRatio != null && mix == null) {
      throw SynthkitException.input("a mix ratio needs a dataset to mix in");
    }
    ExportOptions options = ExportOptions.DEFAULT.withMapping(FieldMapping.of(mapping, mappingFile)).withCard(card);
    return mix == null ? options : options.withMix(mix, mixRatio, seed);
  }

  /** The training formats, by their command-line names. */
  public enum Format {
    /** Each record's {@code data} object as it is (mixed rows as {@code {prompt, response}}). */
    JSONL,
    /** OpenAI chat fine-tuning: {@code {"messages": [system?, user, assistant]}}. */
    OPENAI_CHAT,
    /** Alpaca: {@code {"instruction", "input", "output"}}. */
    ALPACA,
    /** ShareGPT: {@code {"conversations": [{"from", "value"}]}}. */
    SHAREGPT,
    /** TRL's preference format {@code {"prompt", "chosen", "rejected"}}. */
    DPO,
    /** OpenAI preference fine-tuning. */
    OPENAI_DPO,
    /** The {@code jsonl} rows as a Parquet table (module {@code synthkit-parquet}). */
    PARQUET;

    /**
     * Returns the command-line name.
     *
     * @return e.g. {@code openai-chat}
     */
    public String wire() {
      return internal().wire();
    }

    /**
     * Looks a format up by its command-line name.
     *
     * @param name e.g. {@code alpaca}
     * @return the format
     * @throws SynthkitException (exit 2) naming the accepted names
     */
    public static Format of(String name) {
      return valueOf(ExportFormat.of(name).name());
    }

    ExportFormat internal() {
      return ExportFormat.valueOf(name());
    }
  }

  /**
   * What an export wrote.
   *
   * @param out the export file
   * @param card the dataset card, or null when none was asked for
   * @param format the format
   * @param rows rows written
   * @param fromRun rows from the run
   * @param mixed rows from the mix dataset
   * @param skipped run records left out because a role the format needs was empty
   * @param mapping the mapping used, {@code role=path,...}
   * @param notes what the user should know (skips, a capped mix)
   */
  public record Result(Path out, @Nullable Path card, Format format, int rows, int fromRun, int mixed, int skipped,
      String mapping, List<String> notes) {

    /** Copies the list. */
    public Result {
      notes = List.copyOf(notes);
    }

    static Result of(ExportResult r) {
      return new Result(r.out(), r.card(), Format.valueOf(r.format().name()), r.rows(), r.fromRun(), r.mixed(),
          r.skipped(), r.mapping().toString(), r.notes());
    }
  }
}
