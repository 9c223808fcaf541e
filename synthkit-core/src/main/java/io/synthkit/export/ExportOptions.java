package io.synthkit.export;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Exports} writes a run.
 *
 * @param mapping explicit role mappings; roles it leaves out use the method's defaults
 * @param mix a dataset to mix in (Alpagasus/Alpaca or prompt/response JSONL), or null
 * @param mixRatio mixed rows per generated row; null for every row of {@code mix}
 * @param seed the seed of the mix sample and shuffle
 * @param card write a dataset card {@code <name>.README.md} beside the export
 */
public record ExportOptions(FieldMapping mapping, @Nullable Path mix, @Nullable Double mixRatio, long seed,
    boolean card) {

  /** Default mapping, no mix, seed 42, with a card. */
  public static final ExportOptions DEFAULT = new ExportOptions(FieldMapping.NONE, null, null, 42, true);

  /** Checks the parts. */
  public ExportOptions {
    mapping = mapping == null ? FieldMapping.NONE : mapping;
    if (mixRatio != null && mix == null) {
      throw new IllegalArgumentException("a mix ratio needs a mix dataset");
    }
  }

  /**
   * @param m the explicit mapping
   * @return a copy with it
   */
  public ExportOptions withMapping(FieldMapping m) {
    return new ExportOptions(m, mix, mixRatio, seed, card);
  }

  /**
   * @param file the dataset to mix in
   * @param ratio mixed rows per generated row, or null for all
   * @param mixSeed the seed
   * @return a copy with the mix
   */
  public ExportOptions withMix(Path file, @Nullable Double ratio, long mixSeed) {
    return new ExportOptions(mapping, file, ratio, mixSeed, card);
  }

  /**
   * @param write whether to write the card
   * @return a copy
   */
  public ExportOptions withCard(boolean write) {
    return new ExportOptions(mapping, mix, mixRatio, seed, write);
  }
}
