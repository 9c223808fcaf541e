package io.synthkit.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.StageContext;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the quality stages' prompts ({@code io/synthkit/prompts/quality/*.txt}) with what every one of them may show:
 * the dataset description and the user's constraints from the {@code data:} section, and the item as indented JSON.
 */
final class StagePrompts {

  private StagePrompts() {}

  /**
   * Renders a prompt.
   *
   * @param ctx the run (prompts, description, constraints)
   * @param name the prompt name, e.g. {@code quality/reflect}
   * @param item the item shown to the model
   * @param extra further variables of this prompt
   * @return the conversation
   */
  static Prompt render(StageContext ctx, String name, ObjectNode item, Map<String, ?> extra) {
    Map<String, Object> vars = new HashMap<>();
    // Optional parts are left null: jmustache renders a section for an empty string but skips it for null.
    vars.put("description", blankToNull(ctx.config().data().description()));
    vars.put("constraints", ctx.config().data().constraints());
    vars.put("item", Json.pretty(item));
    vars.putAll(extra);
    return ctx.prompts().render(name, vars);
  }

  /**
   * Returns null for a null or blank text, so that a {@code {{#section}}} around it is skipped.
   *
   * @param text the text
   * @return the text, or null
   */
  static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
