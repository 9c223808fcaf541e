package io.synthkit.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.run.RunOutput;
import io.synthkit.run.Version;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;

/**
 * Merges the shards into the run directory, on the driver: the shards' records interleaved (record 0 of every shard,
 * then record 1, ...: a prefix of the merge only grows when a shard is extended, so a top-up never reorders what was
 * kept), ids made unique as {@code s<shard>-<id>} with {@code meta.shard}, the global quality stages on the cluster
 * ({@link GlobalQuality}: near-duplicate removal and, when the config has one, the embedding group check), trimmed to
 * the target; then {@code dataset.jsonl}, {@code rejected.jsonl} (the shards' and the
 * global stages'), {@code events.jsonl} (every shard's, each line with its shard) and {@code manifest.json} (usage and
 * cost summed over the shards).
 */
final class Merge {

  /**
   * What the merge wrote.
   *
   * @param accepted records in the merged dataset
   * @param rejected lines in the merged rejected.jsonl
   * @param surplus records the shards produced beyond what the target needed after deduplication
   * @param usage the shards' usage summed
   * @param simulated whether any shard ran on the simulator
   */
  record Result(int accepted, int rejected, int surplus, Usage usage, boolean simulated) {}

  /**
   * The driver's view of the run, for the manifest.
   *
   * @param config the run's config
   * @param plan the shards
   * @param master the Spark master
   * @param rounds rounds run so far (1 without top-ups)
   * @param shardTargets each shard's current target
   * @param notices what planning decided
   * @param startedAt when this driver session started
   * @param wallSeconds this session's wall time so far
   */
  record Context(RunConfig config, ShardPlan plan, String master, int rounds, List<Integer> shardTargets,
      List<String> notices, Instant startedAt, double wallSeconds) {

    /** Copies the lists. */
    Context {
      shardTargets = List.copyOf(shardTargets);
      notices = List.copyOf(notices);
    }
  }

  private Merge() {}

  static Result run(JavaSparkContext jsc, Context ctx, RunStatus status, @Nullable String message) {
    RunConfig config = ctx.config();
    Path runDir = config.runDir();
    Path shardsDir = runDir.resolve("shards");
    int shards = ctx.plan().count();
    List<List<ObjectNode>> datasets = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      datasets.add(RunOutput.objects(shardsDir.resolve(ShardPlan.name(s)).resolve("dataset.jsonl")));
    }
    List<ObjectNode> merged = interleave(datasets);
    List<DataRecord> records = merged.stream()
        .map(n -> new DataRecord(n.path("id").asText(), (ObjectNode) n.get("data"),
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())).toList();
    GlobalDedup.Params params = GlobalDedup.Params.of(config);
    GlobalQuality.Outcome dedup = GlobalQuality.run(jsc, config, records, params);

    List<ObjectNode> kept = dedup.kept().stream().map(merged::get).toList();
    RunFiles.writeLines(runDir.resolve("dataset.jsonl"), kept);
    List<ObjectNode> rejected = new ArrayList<>();
    List<ObjectNode> events = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      Path dir = shardsDir.resolve(ShardPlan.name(s));
      for (ObjectNode r : RunOutput.objects(dir.resolve("rejected.jsonl"))) {
        rejected.add(r.put("shard", s));
      }
      for (ObjectNode e : RunOutput.objects(dir.resolve("events.jsonl"))) {
        events.add(e.put("shard", s));
      }
    }
    for (GlobalQuality.Drop d : dedup.dropped()) {
      ObjectNode line = merged.get(d.index());
      String prefix = d.stage().equals(GlobalQuality.DEDUP) ? "global-dedup:" : "global-group-check:";
      rejected.add((ObjectNode) Json.tree(new Rejection(prefix + line.path("id").asText(), d.stage(),
          d.reason(), line.get("data"), null, (ObjectNode) line.get("meta"))));
    }
    int surplus = merged.size() - kept.size() - dedup.dropped().size();
    events.add(Json.object().put("key", "merge:" + ctx.rounds()).put("type", "shards_merged")
        .put("shards", shards).put("records", merged.size()).put("kept", kept.size())
        .put("exact_duplicates", dedup.exact()).put("near_duplicates", dedup.near())
        .put("group_check_drops", dedup.grouped()).put("surplus", surplus));
    RunFiles.writeLines(runDir.resolve("rejected.jsonl"), rejected);
    RunFiles.writeLines(runDir.resolve("events.jsonl"), events);

    ManifestSum sum = ManifestSum.of(shardsDir, shards);
    ObjectNode summary = summary(ctx, sum, dedup, params, surplus);
    Manifest previous = Files.isRegularFile(runDir.resolve("manifest.json")) ? readOrNull(runDir) : null;
    double wall = ctx.wallSeconds() + (previous == null || previous.timings() == null ? 0
        : previous.timings().wallSeconds());
    int sessions = previous == null || previous.timings() == null ? 1 : previous.timings().sessions() + 1;
    String startedAt = previous != null && previous.timings() != null ? previous.timings().startedAt()
        : sum.startedAt() != null ? sum.startedAt() : ctx.startedAt().toString();
    List<String> notices = new ArrayList<>(config.notices());
    notices.addAll(ctx.notices());
    Manifest m = new Manifest(config.name(), config.method(), status, message, config.target(), kept.size(),
        rejected.size(), sum.simulated(), new Manifest.UsageSection(sum.total(), sum.byRole(), sum.byStage()),
        sum.roles(), new Manifest.Timings(startedAt, Instant.now().toString(), wall, sessions, Map.of(), Map.of()),
        summary,
        config.redacted(), Version.get(), notices, null, null);
    RunFiles.writeText(runDir.resolve("manifest.json"), Json.pretty(m) + "\n");
    return new Result(kept.size(), rejected.size(), surplus, sum.total(), sum.simulated());
  }

  private static @Nullable Manifest readOrNull(Path runDir) {
    try {
      return Manifest.read(runDir);
    } catch (RuntimeException e) {
      return null; // a damaged merged manifest is rewritten from the shards
    }
  }

  /** Record i of every shard, then record i + 1, with ids made unique and the shard noted. */
  static List<ObjectNode> interleave(List<List<ObjectNode>> datasets) {
    List<ObjectNode> out = new ArrayList<>();
    int longest = datasets.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (int s = 0; s < datasets.size(); s++) {
        if (i < datasets.get(s).size()) {
          ObjectNode line = datasets.get(s).get(i).deepCopy();
          line.put("id", "s" + s + "-" + line.path("id").asText());
          ObjectNode meta = line.get("meta") instanceof ObjectNode m ? m : line.putObject("meta");
          meta.put("shard", s);
          out.add(line);
        }
      }
    }
    return out;
  }

  private static ObjectNode summary(Context ctx, ManifestSum sum, GlobalQuality.Outcome dedup, GlobalDedup.Params p,
      int surplus) {
    ObjectNode out = Json.object();
    ObjectNode scale = out.putObject("scale");
    scale.put("engine", "spark").put("master", ctx.master()).put("shards", ctx.plan().count())
        .put("shard", ctx.plan().unit()).put("rounds", ctx.rounds())
        .put("shard_seed", "mix64(seed + (shard + 1) * 0x9E3779B97F4A7C15) >>> 1 (SplitMix64)");
    ArrayNode targets = scale.putArray("shard_targets");
    for (int t : ctx.shardTargets()) {
      targets.add(t);
    }
    ObjectNode d = out.putObject("global_dedup");
    d.put("field", dedup.field().toString()).put("near", p.near()).put("near_threshold", p.threshold())
        .put("shingles", p.shingles()).put("exact_duplicates", dedup.exact()).put("near_duplicates", dedup.near())
        .put("surplus", surplus);
    GlobalGroupCheck.Params check = dedup.groupCheck();
    if (check != null) {
      out.putObject("global_group_check").put("field", String.valueOf(dedup.groupField()))
          .put("metric", check.metric()).put("threshold", check.threshold())
          .put("embedder", ExecutorEmbedder.Spec.of(ctx.config().embeddings()).toString())
          .put("dropped", dedup.grouped());
    }
    ArrayNode shards = out.putArray("shards");
    for (int s = 0; s < ctx.plan().count(); s++) {
      ShardPlan.Planned planned = ctx.plan().shards().get(s);
      Manifest m = sum.manifests().get(s);
      ObjectNode row = shards.addObject().put("shard", s).put("seed", planned.seed());
      if (m != null) {
        row.put("status", m.status().wire()).put("target", m.target()).put("accepted", m.accepted())
            .put("rejected", m.rejected()).put("calls", m.usage().total().calls())
            .put("cost_usd", m.usage().total().costUsd());
        if (m.summary() != null) {
          row.set("summary", m.summary());
        }
      }
    }
    return out;
  }

  /**
   * The shards' manifests and their usage summed.
   *
   * @param manifests by shard; {@code null} for a shard that wrote none yet
   * @param total usage of all shards
   * @param byRole usage per role, summed
   * @param byStage usage per stage, summed
   * @param roles the roles, from the first shard with a manifest
   * @param simulated whether any shard was simulated
   * @param startedAt the earliest shard start, or {@code null}
   */
  record ManifestSum(List<@Nullable Manifest> manifests, Usage total, Map<String, Usage> byRole,
      Map<String, Usage> byStage, Map<String, Map<String, Object>> roles, boolean simulated,
      @Nullable String startedAt) {

    static ManifestSum of(Path shardsDir, int shards) {
      List<@Nullable Manifest> all = new ArrayList<>();
      Usage total = Usage.ZERO;
      Map<String, Usage> byRole = new LinkedHashMap<>();
      Map<String, Usage> byStage = new LinkedHashMap<>();
      Map<String, Map<String, Object>> roles = new LinkedHashMap<>();
      boolean simulated = false;
      String startedAt = null;
      for (int s = 0; s < shards; s++) {
        Path dir = shardsDir.resolve(ShardPlan.name(s));
        Manifest m = Files.isRegularFile(dir.resolve("manifest.json")) ? readOrNull(dir) : null;
        all.add(m);
        if (m == null) {
          continue;
        }
        simulated |= m.simulated();
        if (m.usage() != null) {
          total = total.plus(m.usage().total());
          add(byRole, m.usage().byRole());
          add(byStage, m.usage().byStage());
        }
        if (roles.isEmpty() && m.roles() != null) {
          roles.putAll(m.roles());
        }
        if (m.timings() != null && m.timings().startedAt() != null
            && (startedAt == null || m.timings().startedAt().compareTo(startedAt) < 0)) {
          startedAt = m.timings().startedAt();
        }
      }
      return new ManifestSum(all, total, byRole, byStage, roles, simulated, startedAt);
    }

    private static void add(Map<String, Usage> into, @Nullable Map<String, Usage> from) {
      if (from != null) {
        from.forEach((k, v) -> into.merge(k, v, Usage::plus));
      }
    }
  }
}
