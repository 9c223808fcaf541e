package io.synthkit.method.datagen;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.run.Rng;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Attribute-guided generation (paper §2.2): the attribute values batches are steered to, either given by the user or
 * extracted by the model from base items (one call, key {@code attributes/extract}). Batch b is steered to value
 * {@code b mod n}, so values are covered evenly and a resumed run steers every batch the same way.
 */
final class Attributes {

  /** How many base items the extraction call sees at most. */
  static final int EXTRACTION_EXAMPLES = 20;

  /**
   * What the extraction call returns.
   *
   * @param attributes the values
   */
  record Extracted(@JsonPropertyDescription("distinct short attribute values (topics, domains, scenario types), each"
      + " a few words") List<String> attributes) {}

  private final List<String> values;

  private Attributes(List<String> values) {
    this.values = values;
  }

  /**
   * Resolves the attribute values of a run.
   *
   * @param ctx the run
   * @param p the parameters
   * @param base the base data
   * @return the values (none when attribute guidance is off or extraction found nothing)
   */
  static Attributes resolve(RunContext ctx, DataGenParams p, BaseData base) {
    if (!p.extractAttributes()) {
      return new Attributes(p.attributes());
    }
    ctx.step("extracting attributes", "from the base data", 0);
    List<Integer> shown = Rng.sample(IntStream.range(0, base.size()).boxed().toList(), EXTRACTION_EXAMPLES,
        ctx.rng("attributes/examples"));
    StringBuilder examples = new StringBuilder();
    shown.forEach(i -> examples.append(Json.write(base.item(i))).append('\n'));
    Map<String, Object> vars = new HashMap<>(Map.of("examples", examples.toString().strip(),
        "count", p.attributeCount()));
    vars.put("description", DataGen.blankToNull(ctx.config().data().description()));
    Attempt<Reply<Extracted>> attempt = Attempt.of(() -> ctx.llm(DataGen.GENERATOR).stage("attributes").tryAsk(
        ctx.prompts().render("datagen/attributes", vars), Extracted.class, "attributes/extract"));
    Reply<Extracted> reply = attempt.value();
    List<String> values = new ArrayList<>();
    if (attempt.failed()) {
      ctx.reject(attempt.rejection("attributes/extract", null, null));
    } else if (reply instanceof Reply.Ok<Extracted> ok && ok.value().attributes() != null) {
      for (String v : ok.value().attributes()) {
        if (v != null && !v.isBlank() && !values.contains(v.strip()) && values.size() < p.attributeCount()) {
          values.add(v.strip());
        }
      }
    } else if (reply instanceof Reply.Invalid<Extracted> bad) {
      ctx.reject(new Rejection("attributes/extract", "parse", bad.reason(), null, bad.raw(), null));
    }
    ctx.event("attributes", "attributes", Json.object().set("values", Json.tree(values)));
    if (values.isEmpty()) {
      ctx.summary("attributes_note", "attribute extraction returned no values; batches are not steered");
    }
    return new Attributes(List.copyOf(values));
  }

  /**
   * Returns the value a batch is steered to.
   *
   * @param batch the batch number
   * @return the value, or {@code null} when there are none
   */
  @Nullable String forBatch(int batch) {
    return values.isEmpty() ? null : values.get(batch % values.size());
  }

  /** @return every value */
  List<String> values() {
    return values;
  }
}
