package io.synthkit.method.advisor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.ItemSchema;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.spi.Llm;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.Schema;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
   * Reads the seeds and settles the item fields: {@code item_fields}, else the first seed's fields (without the
   * fields the method writes itself).
   *
   * @param ctx the run
   * @param p the parameters
   * @return the state
   * @throws SynthkitException naming the config key or seed file line at fault
   */
  static AdvisorState open(RunContext ctx, DataAdvisorParams p) {
    String seedsPath = ctx.config().data().seeds();
    if (seedsPath == null) {
      throw SynthkitException.input(ctx.config().at("data.seeds") + "is required for data-advisor: a file of seed"
          + " items (.txt with one item per line, or JSONL)");
    }
    String plainField = p.textField() != null ? p.textField() : "text";
    List<ObjectNode> seeds = SeedFile.read(ctx.resolve(seedsPath), plainField);
    List<String> fields = p.itemFields() != null ? p.itemFields() : seedFields(seeds.get(0), p);
    String textField = p.textField() != null ? p.textField() : fields.get(0);
    if (!fields.contains(textField)) {
      throw SynthkitException.input(ctx.config().at("data-advisor.text_field") + "'" + textField + "' is not one of"
          + " the item fields " + fields);
    }
    for (int i = 0; i < seeds.size(); i++) {
      if (!seeds.get(i).path(textField).isTextual()) {
        throw SynthkitException.input(seedsPath + ": item " + (i + 1) + " has no string field '" + textField + "'"
            + " (set data-advisor.text_field or item_fields to match the seed file)");
      }
    }
    return new AdvisorState(ctx, p, seeds, fields, textField);
  }

  private static List<String> seedFields(ObjectNode seed, DataAdvisorParams p) {
    List<String> names = new ArrayList<>();
    seed.fieldNames().forEachRemaining(n -> {
      if (!n.equals(p.categoryField()) && !n.equals(p.responseField())) {
        names.add(n);
      }
    });
    if (names.isEmpty()) {
      throw SynthkitException.input("the first seed has no fields besides " + p.categoryField() + "/"
          + p.responseField() + "; set data-advisor.item_fields");
    }
    return names;
  }

  /**
   * Reads a summary file: one concept per non-blank line.
   *
   * @param ctx the run
   * @param file the path as configured
   * @return the lines
   */
  static List<String> readSummary(RunContext ctx, String file) {
    Path path = ctx.resolve(file);
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    } catch (NoSuchFileException e) {
      throw SynthkitException.input(ctx.config().at("data-advisor.summary") + "file not found: " + path);
    } catch (MalformedInputException e) {
      throw SynthkitException.input(ctx.config().at("data-advisor.summary") + path + " is not UTF-8 text");
    } catch (IOException e) {
      throw SynthkitException.input(ctx.config().at("data-advisor.summary") + "cannot read " + path + ": "
          + e.getMessage(), e);
    }
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
  void tally(String weakness, int accepted) {
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
