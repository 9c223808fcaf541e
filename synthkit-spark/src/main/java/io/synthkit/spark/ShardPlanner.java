package io.synthkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.RunConfig;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.spi.RunStorageException;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides what a shard is for each method and writes each shard's part of the seeds under {@code shards/seeds/}.
 *
 * <ul>
 *   <li>self-instruct, data-advisor, self-reference: an independent sub-run (its own pool, summary or tree) over a
 *       round-robin part of {@code data.seeds}; the parts are disjoint and cover the file.</li>
 *   <li>aide: a disjoint part of the seeds, and {@code aide.seeds} split exactly across the shards: every seed's tree
 *       grows in exactly one shard.</li>
 *   <li>datagen: with {@code datagen.attributes} listed, a disjoint part of the attribute values (batches are steered
 *       only to its own values); otherwise independent batches over the whole base data with the shard's seed.</li>
 *   <li>reversegen: not sharded; {@link FanOutRun} runs it on the driver with its calls answered on the executors.</li>
 *   <li>any other method: an independent sub-run with the shard's seed.</li>
 * </ul>
 *
 * <p>Every shard gets an exact share of the target and of the budget ({@code budget.max_cost_usd},
 * {@code budget.max_tokens}), so the shards together never spend more than the run may.
 */
final class ShardPlanner {

  private static final List<String> SEED_PARTITIONED = List.of("self-instruct", "data-advisor", "self-reference");

  private ShardPlanner() {}

  /**
   * Plans the shards of a run.
   *
   * @param config the run's config
   * @param requested shards asked for ({@code scale.shards} or the cluster's parallelism)
   * @param shardsDir {@code <run dir>/shards}, where the seed parts are written
   * @return the plan
   * @throws SynthkitException (exit 2) for ReverseGen, or when the seeds cannot be read
   */
  static ShardPlan plan(RunConfig config, int requested, Path shardsDir) {
    String method = config.method();
    if (method.equals("reversegen")) {
      throw SynthkitException.input("reversegen is not split into shards: each iteration trains the proposer on the"
          + " previous iteration's outcomes, so it runs on the driver with its calls fanned out (SparkRun does that)");
    }
    List<String> notices = new ArrayList<>();
    int shards = Math.min(requested, config.target());
    if (shards < requested) {
      notices.add("scale: " + shards + " shards, not " + requested + ": a shard produces at least one record");
    }
    List<ObjectNode> seeds = null;
    Path seedFile = null;
    if ((SEED_PARTITIONED.contains(method) && config.data().seeds() != null) || method.equals("aide")) {
      seedFile = SeedFile.seedsFile(config, "for " + method);
      seeds = SeedFile.read(seedFile, "text");
      shards = cap(shards, seeds.size(), "seeds in " + seedFile.getFileName(), notices);
    }
    int aideSeeds = 0;
    if (method.equals("aide")) {
      aideSeeds = Math.min(config.section("aide").path("seeds").asInt(10), seeds == null ? 0 : seeds.size());
      shards = cap(shards, aideSeeds, "seeds to expand (aide.seeds)", notices);
    }
    List<String> attributes = new ArrayList<>();
    if (method.equals("datagen")) {
      config.section("datagen").path("attributes").forEach(a -> attributes.add(a.asText()));
      if (!attributes.isEmpty()) {
        shards = cap(shards, attributes.size(), "attribute values (datagen.attributes)", notices);
      }
    }
    int[] targets = split(config.target(), shards);
    int[] aideShares = split(aideSeeds, shards);
    List<ShardPlan.Planned> planned = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      List<String> overrides = new ArrayList<>();
      if (seeds != null && seedFile != null) {
        overrides.add("data.seeds=" + writeSeeds(seedFile, part(seeds, i, shards), shardsDir, i));
      }
      if (method.equals("aide")) {
        overrides.add("aide.seeds=" + aideShares[i]);
      }
      if (!attributes.isEmpty()) {
        overrides.add("datagen.attributes=" + Json.write(part(attributes, i, shards)));
        overrides.add("datagen.extract_attributes=false");
      }
      overrides.addAll(budget(config, shards, i));
      if (shards > 1 && config.models().values().stream().anyMatch(m -> m.endpointUrls().size() > 1)) {
        overrides.add("scale.shard=" + i); // each shard starts on another of a role's base_urls
      }
      planned.add(new ShardPlan.Planned(i, targets[i], ShardSeed.of(config.seed(), i), overrides));
    }
    if (shards > 1 && (config.budget().maxCostUsd() != null || config.budget().maxTokens() != null)) {
      notices.add("scale: the budget is split evenly over the " + shards + " shards");
    }
    return new ShardPlan(planned, unit(method, !attributes.isEmpty()), notices);
  }

  private static int cap(int shards, int available, String what, List<String> notices) {
    if (available < shards) {
      notices.add("scale: " + available + " shards, not " + shards + ": there are only " + available + " " + what
          + " to divide");
      return Math.max(1, available);
    }
    return shards;
  }

  /**
   * Splits a total into near-equal integer shares, the first {@code total % parts} one larger.
   *
   * @param total the total
   * @param parts how many shares
   * @return the shares; they sum to the total
   */
  static int[] split(int total, int parts) {
    int[] out = new int[parts];
    for (int i = 0; i < parts; i++) {
      out[i] = total / parts + (i < total % parts ? 1 : 0);
    }
    return out;
  }

  /** Every {@code shards}-th element from {@code index}: round robin, so each part samples the whole file. */
  static <T> List<T> part(List<T> all, int index, int shards) {
    List<T> out = new ArrayList<>();
    for (int i = index; i < all.size(); i += shards) {
      out.add(all.get(i));
    }
    return out;
  }

  /** Writes a shard's seeds in the original's format (text lines stay text, JSON arrays become JSONL). */
  private static String writeSeeds(Path original, List<ObjectNode> items, Path shardsDir, int index) {
    boolean text = original.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt");
    Path out = shardsDir.resolve("seeds").resolve(ShardPlan.name(index) + (text ? ".txt" : ".jsonl"));
    StringBuilder body = new StringBuilder();
    for (ObjectNode item : items) {
      body.append(text ? item.path("text").asText().replace('\n', ' ') : Json.write(item)).append('\n');
    }
    try {
      Files.createDirectories(out.getParent());
      // Written only when it changes: a resumed shard then sees the very file it started with.
      if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).contentEquals(body)) {
        Files.writeString(out, body, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new RunStorageException("cannot write the shard seeds " + out + ": " + e.getMessage(), out, e);
    }
    return out.toAbsolutePath().toString();
  }

  private static List<String> budget(RunConfig config, int shards, int index) {
    List<String> out = new ArrayList<>();
    Double cost = config.budget().maxCostUsd();
    if (cost != null) {
      out.add(String.format(Locale.ROOT, "budget.max_cost_usd=%.10f", cost / shards));
    }
    Long tokens = config.budget().maxTokens();
    if (tokens != null) {
      out.add("budget.max_tokens=" + (tokens / shards + (index < tokens % shards ? 1 : 0)));
    }
    return out;
  }

  private static String unit(String method, boolean attributes) {
    return switch (method) {
      case "aide" -> "a disjoint part of the seeds and of aide.seeds: each seed's tree grows in one shard";
      case "datagen" -> attributes ? "a disjoint part of datagen.attributes: batches steered to its own values"
          : "independent batches over the whole base data, with the shard's seed";
      case "self-instruct", "data-advisor", "self-reference" ->
          "an independent sub-run over a round-robin part of data.seeds, merged and deduplicated globally";
      default -> "an independent sub-run with the shard's seed, merged and deduplicated globally";
    };
  }

  /**
   * Reads {@code scale.shards}.
   *
   * @param config the config
   * @return the shards asked for, or 0 when not set
   * @throws SynthkitException (exit 2) naming the key when it is not a positive integer or {@code scale} has an unknown
   *     key
   */
  static int requestedShards(RunConfig config) {
    JsonNode scale = config.section("scale");
    if (scale.isMissingNode() || scale.isNull()) {
      return 0;
    }
    if (!scale.isObject()) {
      throw SynthkitException.input(config.at("scale") + "expected a mapping, e.g. scale: {shards: 8}");
    }
    scale.fieldNames().forEachRemaining(k -> {
      if (!k.equals("shards")) {
        throw SynthkitException.input(config.at("scale." + k) + "unknown key; allowed: shards"
            + (k.equals("shard") ? " (scale.shard is set by synthkit for each shard)" : ""));
      }
    });
    JsonNode n = scale.path("shards");
    if (n.isMissingNode() || n.isNull()) {
      return 0;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
      throw SynthkitException.input(config.at("scale.shards") + "must be a positive integer: " + n);
    }
    return n.asInt();
  }
}
