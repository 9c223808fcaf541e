package io.synthkit.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.StageContext;
import org.jspecify.annotations.Nullable;

/** Finds the text a stage should look at: the stage's {@code field} parameter, else the method's main text field. */
final class TextField {

  private TextField() {}

  static String name(@Nullable String configured, StageContext ctx) {
    return configured != null ? configured : ctx.textField();
  }

  static String of(DataRecord r, String field) {
    JsonNode v = r.data().path(field);
    return v.isTextual() ? v.asText() : v.isMissingNode() ? "" : v.toString();
  }
}
