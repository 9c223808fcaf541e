package io.synthkit.method.aide;

import io.synthkit.spi.Llm;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The extractor role: reads a node's topic and knowledge triplets in one structured call (the code made a second
 * call for its KG expansion; here the extra triplets come in the same reply). Thread-safe.
 */
final class Extractor {

  private final Llm llm;
  private final AidePrompts prompts;
  private final AideParams p;
  private final Schema schema;

  Extractor(Llm llm, AidePrompts prompts, AideParams p) {
    this.llm = llm;
    this.prompts = prompts;
    this.p = p;
    this.schema = Replies.schema(Replies.Extracted.class, s -> {
      Replies.exactly(s, "attributes", p.attributes());
      Replies.exactly(s, "extra", p.extraTriplets());
    });
  }

  /**
   * Extracts a node's topic and triplets.
   *
   * @param node the node
   * @param key the sample key
   * @return the reply
   */
  Reply<Replies.Extracted> extract(Node node, String key) {
    return llm.askMany(prompts.render("extract", Map.of("question", node.question(),
        "has_attributes", p.attributes() > 0, "attributes", p.attributes(),
        "has_extra", p.extraTriplets() > 0, "extra", p.extraTriplets())), schema, Replies.Extracted.class, 1, key)
        .get(0);
  }

  /**
   * Turns a reply into triplets: attributes first, then extra ones; blank and repeated attributes are dropped, since
   * each would only grow copies of a sibling.
   *
   * @param e the reply
   * @return the triplets, in reply order
   */
  static List<Triplet> triplets(Replies.Extracted e) {
    List<Replies.Relation> all = new ArrayList<>();
    if (e.attributes() != null) {
      all.addAll(e.attributes());
    }
    if (e.extra() != null) {
      all.addAll(e.extra());
    }
    Set<String> seen = new HashSet<>();
    List<Triplet> out = new ArrayList<>();
    for (Replies.Relation r : all) {
      String attribute = r.attribute() == null ? "" : r.attribute().strip();
      if (!attribute.isEmpty() && seen.add(attribute.toLowerCase(Locale.ROOT))) {
        String relation = r.relation() == null || r.relation().isBlank() ? "relates to" : r.relation().strip();
        out.add(new Triplet(e.topic().strip(), relation, attribute));
      }
    }
    return out;
  }
}
