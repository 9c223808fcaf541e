package io.synthkit.method.aide;

import io.synthkit.spi.Llm;
import io.synthkit.spi.Reply;
import java.util.HashMap;
import java.util.Map;

/**
 * The synthesizer role: writes a child from its parent node along one branch (paper Eq. 2 for triplets, Eq. 3 for
 * personas), with task demonstrations and, on residual hops, the original seed. Thread-safe.
 */
final class Synthesizer {

  private final Llm llm;
  private final AidePrompts prompts;

  Synthesizer(Llm llm, AidePrompts prompts) {
    this.llm = llm;
    this.prompts = prompts;
  }

  /**
   * Synthesizes one candidate.
   *
   * @param parent the node it grows from
   * @param topic the parent's extracted topic
   * @param branch the path
   * @param demonstrations task demonstrations (JSON lines, possibly empty)
   * @param residual whether the seed joins the prompt
   * @param key the sample key
   * @return the reply
   */
  Reply<Replies.Draft> synthesize(Node parent, String topic, Branch branch, String demonstrations, boolean residual,
      String key) {
    Map<String, Object> vars = new HashMap<>(AidePrompts.operationFlags(branch.operation()));
    vars.put("question", parent.question());
    vars.put("topic", topic);
    vars.put("has_demonstrations", !demonstrations.isEmpty());
    vars.put("demonstrations", demonstrations);
    vars.put("residual", residual);
    vars.put("seed", parent.seed().question());
    String template = switch (branch) {
      case Branch.Attribute a -> {
        vars.put("relation", a.triplet().relation());
        vars.put("attribute", a.triplet().attribute());
        yield "synthesize-attribute";
      }
      case Branch.Persona persona -> {
        vars.put("persona", persona.persona().persona());
        yield "synthesize-persona";
      }
    };
    return llm.tryAsk(prompts.render(template, vars), Replies.Draft.class, key);
  }
}
