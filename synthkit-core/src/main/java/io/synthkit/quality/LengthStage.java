package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.StageContext;
import org.jspecify.annotations.Nullable;

/** Drops records whose text is shorter or longer than the configured bounds (characters and words). */
final class LengthStage implements QualityStage {

  static final String NAME = "length";

  /**
   * Parameters.
   *
   * @param field the field to measure (default: the method's text field)
   * @param minChars fewest characters
   * @param maxChars most characters
   * @param minWords fewest words
   * @param maxWords most words
   */
  record Params(
      @JsonPropertyDescription("field to measure (default: the method's text field)") @Nullable String field,
      @JsonProperty("min_chars") @JsonPropertyDescription("fewest characters (default 1)") @Nullable Integer minChars,
      @JsonProperty("max_chars") @JsonPropertyDescription("most characters") @Nullable Integer maxChars,
      @JsonProperty("min_words") @JsonPropertyDescription("fewest words") @Nullable Integer minWords,
      @JsonProperty("max_words") @JsonPropertyDescription("most words") @Nullable Integer maxWords) {}

  private final Params p;

  LengthStage(Params p) {
    this.p = p;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutcome apply(DataRecord record, StageContext ctx) {
    String text = TextField.of(record, TextField.name(p.field(), ctx)).strip();
    int chars = text.length();
    int words = text.isEmpty() ? 0 : text.split("\\s+").length;
    if (chars < (p.minChars() == null ? 1 : p.minChars())) {
      return StageOutcome.drop(chars + " characters < min_chars " + (p.minChars() == null ? 1 : p.minChars()));
    }
    if (p.maxChars() != null && chars > p.maxChars()) {
      return StageOutcome.drop(chars + " characters > max_chars " + p.maxChars());
    }
    if (p.minWords() != null && words < p.minWords()) {
      return StageOutcome.drop(words + " words < min_words " + p.minWords());
    }
    if (p.maxWords() != null && words > p.maxWords()) {
      return StageOutcome.drop(words + " words > max_words " + p.maxWords());
    }
    return StageOutcome.keep(record);
  }
}
