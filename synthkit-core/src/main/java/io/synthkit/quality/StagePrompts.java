package io.synthkit.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.llm.Prompt;
import io.synthkit.run.RunContext;
import java.util.HashMap;
import java.util.Map;

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
  static Prompt render(RunContext ctx, String name, ObjectNode item, Map<String, ?> extra) {
    Map<String, Object> vars = new HashMap<>();
    String description = ctx.config().data().description();
    vars.put("description", description == null ? "" : description);
    vars.put("constraints", ctx.config().data().constraints());
    vars.put("item", Json.pretty(item));
    vars.putAll(extra);
    return ctx.prompts().render(name, vars);
  }
}
