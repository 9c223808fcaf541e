package io.synthkit.method.advisor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.ItemSchema;
import io.synthkit.json.Json;
import io.synthkit.spi.Llm;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.Schema;
import io.synthkit.spi.SynthkitException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one Data Advisor run works with: the seeds and the item shape read from the config, the example pool, the
 * gates, the prompts, the model roles tuned for their step, and the running tallies (records, distinct categories)
 * reported per iteration. The advisor loop owns it; not thread-safe except for the immutable parts read by
 * concurrent calls (prompts, schema, roles).
 */
final class AdvisorState {

  private final List<String> fields;
  private final String textField;
  private final Schema itemSchema;
  private final List<String> seedTexts;
  private final ExamplePool pool;
  private final ItemGate gate;
  private final AdvisorPrompts prompts;
  private final Llm advisor;
  private final Llm summarizer;
  private final Llm generator;
  private final Llm responder;
  private final Set<String> categories = new HashSet<>();
  private int records;

  private AdvisorState(RunContext ctx, DataAdvisorParams p, List<ObjectNode> seeds, List<String> fields,
      String textField) {
    this.fields = List.copyOf(fields);
    this.textField = textField;
    this.itemSchema = Schema.json("new_item", ItemSchema.fieldsLike(seeds.get(0), fields));
    this.seedTexts = seeds.stream().map(s -> s.path(textField).asText()).toList();
    this.pool = new ExamplePool(seeds, fields);
    this.gate = new ItemGate(p.minChars(), p.dedup(), p.nearThreshold());
    seedTexts.forEach(gate::addSeed);
    this.prompts = new AdvisorPrompts(ctx, p, fields, textField);
    AdvisorSampling sampling = p.sampling();
    this.advisor = ctx.llm(DataAdvisor.ADVISOR).stage("weakness").with(sampling.weakness().toSampling());
    this.summarizer = ctx.llm(DataAdvisor.ADVISOR).stage("summary").with(sampling.summary().toSampling());
    this.generator = ctx.llm(DataAdvisor.GENERATOR).stage("generate").with(sampling.generation().toSampling());
    this.responder = ctx.llm(DataAdvisor.RESPONDER).stage("respond").with(sampling.response().toSampling());
  }

  /**
   * Reads the seeds and settles the item fields (see {@link AdvisorSeeds}).
   *
   * @param ctx the run
   * @param p the parameters
   * @return the state
   * @throws SynthkitException naming the config key or seed file item at fault
   */
  static AdvisorState open(RunContext ctx, DataAdvisorParams p) {
    AdvisorSeeds seeds = AdvisorSeeds.read(ctx.config(), p);
    return new AdvisorState(ctx, p, seeds.items(), seeds.fields(), seeds.textField());
  }

  /**
   * Keeps only the generator's fields, and strips the quotes models put around a whole text (as the reference did).
   *
   * @param reply a schema-valid reply
   * @return the item
   */
  ObjectNode project(ObjectNode reply) {
    ObjectNode item = Json.object();
    for (String f : fields) {
      item.set(f, reply.path(f).isMissingNode() ? Json.tree("") : reply.get(f));
    }
    String text = item.path(textField).asText("").strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1).strip();
    }
    item.put(textField, text);
    return item;
  }

  /**
   * Counts an iteration's accepted records and, when there are any, its category.
   *
   * @param weakness the iteration's concept, or {@code null}
   * @param accepted how many records it added
   */
  void tally(@Nullable String weakness, int accepted) {
    records += accepted;
    if (weakness != null && accepted > 0) {
      categories.add(DataAdvisor.categoryKey(weakness));
    }
  }

  int records() {
    return records;
  }

  int distinctCategories() {
    return categories.size();
  }

  String textField() {
    return textField;
  }

  Schema itemSchema() {
    return itemSchema;
  }

  List<String> seedTexts() {
    return seedTexts;
  }

  ExamplePool pool() {
    return pool;
  }

  ItemGate gate() {
    return gate;
  }

  AdvisorPrompts prompts() {
    return prompts;
  }

  Llm advisor() {
    return advisor;
  }

  Llm summarizer() {
    return summarizer;
  }

  Llm generator() {
    return generator;
  }

  Llm responder() {
    return responder;
  }
}
