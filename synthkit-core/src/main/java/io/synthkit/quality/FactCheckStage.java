package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Passage;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Schema;
import io.synthkit.spi.StageContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Truthfulness validation by retrieval (DataGen §2.3): a model names up to {@code max_entities} key entities of the
 * item, the configured retriever ({@code ctx.retriever()}: a local Lucene index or Wikipedia) returns passages for
 * each, and the model confirms the item or corrects it with the passages as evidence. A correction replaces the item;
 * the evidence titles, the verdict and the original go to {@code meta.quality.fact_check}.
 *
 * <p>The public code fetched whole Wikipedia pages and crashed on a missing reply key; here passages are bounded by
 * {@code retrieval.max_passage_chars} and the verdict is a structured boolean. Items with no retrievable evidence are
 * kept unchanged and marked {@code no_evidence}. Thread-safe.
 */
final class FactCheckStage implements QualityStage {

  static final String NAME = "fact_check";

  /**
   * Parameters.
   *
   * @param maxEntities most entities looked up per item (the paper's 3)
   * @param passagesPerEntity passages retrieved per entity (default: {@code retrieval.passages_per_query})
   * @param role the model role that names entities and checks the item
   */
  record Params(
      @JsonProperty("max_entities") @JsonPropertyDescription("most entities looked up per item (default 3)")
          Integer maxEntities,
      @JsonProperty("passages_per_entity")
          @JsonPropertyDescription("passages per entity (default: retrieval.passages_per_query)")
          @Nullable Integer passagesPerEntity,
      @JsonPropertyDescription("model role (default checker)") String role) {

    Params {
      maxEntities = maxEntities == null ? 3 : maxEntities;
      role = role == null ? QualityStages.DEFAULT_ROLE : role;
      if (maxEntities < 1 || maxEntities > 10) {
        throw new IllegalArgumentException("max_entities must be in [1, 10]: " + maxEntities);
      }
      if (passagesPerEntity != null && (passagesPerEntity < 1 || passagesPerEntity > 20)) {
        throw new IllegalArgumentException("passages_per_entity must be in [1, 20]: " + passagesPerEntity);
      }
    }
  }

  /**
   * What the entity step returns.
   *
   * @param entities article titles, most important first
   */
  record Entities(@JsonPropertyDescription("encyclopedia article titles the item's facts depend on, most important"
      + " first") List<String> entities) {}

  private final Params p;
  private final int passagesPerEntity;
  private final StageTally tally = new StageTally(NAME, List.of("confirmed", "corrected", "no_evidence"));

  FactCheckStage(Params p, @Nullable RetrievalConfig retrieval) {
    this.p = p;
    this.passagesPerEntity = p.passagesPerEntity() != null ? p.passagesPerEntity()
        : retrieval == null ? RetrievalConfig.DEFAULT_PASSAGES_PER_QUERY : retrieval.passagesPerQueryOrDefault();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutcome apply(DataRecord record, StageContext ctx) {
    Llm llm = ctx.llm(p.role()).stage(NAME);
    String key = StageRecords.key(NAME, record);
    Reply<Entities> named = llm.tryAsk(StagePrompts.render(ctx, "quality/fact-entities", record.data(),
        Map.of("max", p.maxEntities())), Entities.class, key + "/entities");
    if (named instanceof Reply.Invalid<Entities> bad) {
      return new StageOutcome.Drop("entity reply invalid: " + bad.reason(), bad.raw(), null);
    }
    List<String> entities = entities(((Reply.Ok<Entities>) named).value());
    Map<String, Passage> passages = retrieve(ctx, entities);
    ObjectNode findings = Json.object();
    findings.set("entities", Json.tree(entities));
    findings.set("evidence", Json.tree(new LinkedHashSet<>(passages.values().stream().map(Passage::title).toList())));
    if (passages.isEmpty()) {
      tally.add("no_evidence", ctx);
      findings.put("status", "no_evidence").put("changed", false);
      return new StageOutcome.Keep(StageRecords.annotate(record, record.data(), NAME, findings), false);
    }
    Reply<JsonNode> verdict = llm.tryAsk(StagePrompts.render(ctx, "quality/fact-verify", record.data(),
        Map.of("evidence", evidence(passages))), verdictSchema(record.data()), key + "/verify");
    if (verdict instanceof Reply.Invalid<JsonNode> bad) {
      return new StageOutcome.Drop("verdict reply invalid: " + bad.reason(), bad.raw(), findings);
    }
    JsonNode v = ((Reply.Ok<JsonNode>) verdict).value();
    findings.put("analysis", v.path("analysis").asText());
    JsonNode corrected = v.path("corrected_item");
    boolean accurate = v.path("is_accurate").asBoolean();
    if (!accurate && !corrected.isObject()) {
      // Judged wrong with no fix offered: an item the evidence contradicts cannot be kept as it is.
      return new StageOutcome.Drop("judged inaccurate against " + findings.get("evidence") + " with no correction",
          null, findings);
    }
    if (accurate || corrected.equals(record.data())) {
      tally.add("confirmed", ctx);
      findings.put("status", "confirmed").put("changed", false);
      return new StageOutcome.Keep(StageRecords.annotate(record, record.data(), NAME, findings), false);
    }
    tally.add("corrected", ctx);
    findings.put("status", "corrected").put("changed", true);
    findings.set("original", record.data());
    return new StageOutcome.Keep(StageRecords.annotate(record, (ObjectNode) corrected, NAME, findings), true);
  }

  private List<String> entities(Entities e) {
    List<String> out = new ArrayList<>();
    for (String s : e.entities() == null ? List.<String>of() : e.entities()) {
      if (s != null && !s.isBlank() && !out.contains(s.strip()) && out.size() < p.maxEntities()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** Passages for every entity, without repeats, in entity then rank order. */
  private Map<String, Passage> retrieve(StageContext ctx, List<String> entities) {
    Map<String, Passage> out = new LinkedHashMap<>();
    for (String entity : entities) {
      for (Passage passage : ctx.retriever().search(entity, passagesPerEntity)) {
        out.putIfAbsent(passage.id() + "\u0000" + passage.text().hashCode(), passage);
      }
    }
    return out;
  }

  private static String evidence(Map<String, Passage> passages) {
    StringBuilder sb = new StringBuilder();
    for (Passage ps : passages.values()) {
      sb.append("[").append(ps.title()).append("]\n").append(ps.text().strip()).append("\n\n");
    }
    return sb.toString().strip();
  }

  private static Schema verdictSchema(ObjectNode item) {
    ObjectNode root = Json.object().put("type", "object");
    ObjectNode props = root.putObject("properties");
    props.putObject("analysis").put("type", "string").put("description", "each claim compared with the passages");
    props.putObject("is_accurate").put("type", "boolean").put("description", "true if the passages support the item");
    ArrayNode anyOf = props.putObject("corrected_item").putArray("anyOf");
    anyOf.add(ItemFields.sameShape("item", item).json());
    anyOf.addObject().put("type", "null");
    root.putArray("required").add("analysis").add("is_accurate").add("corrected_item");
    root.put("additionalProperties", false);
    return Schema.json("fact_check_verdict", root);
  }
}
