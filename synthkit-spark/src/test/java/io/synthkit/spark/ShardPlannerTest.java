package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.method.Methods;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard plan: exact target split, derived seeds, refusals and caps, without Spark. */
class ShardPlannerTest {

  static final Path EXAMPLES = SparkRunTest.EXAMPLES;

  @TempDir
  Path dir;

  RunConfig load(String example, String... overrides) {
    List<String> all = new java.util.ArrayList<>(List.of("output_dir=" + dir));
    all.addAll(List.of(overrides));
    return ConfigLoader.load(EXAMPLES.resolve(example), all, java.util.Map.of(), Methods.names());
  }

  @Test
  void theTargetIsSplitExactly() {
    for (int total : new int[] {1, 7, 50, 1001}) {
      for (int parts = 1; parts <= Math.min(total, 9); parts++) {
        int[] shares = ShardPlanner.split(total, parts);
        assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
        assertThat(Arrays.stream(shares).max().getAsInt() - Arrays.stream(shares).min().getAsInt()).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void withSeveralServers_eachShardStartsOnItsOwn_andAUserMayNotSetTheShard() {
    String urls = "models.default.base_urls=[http://a/v1,http://b/v1]";
    ShardPlan plan = ShardPlanner.plan(load("quickstart.yaml", "models.default.provider=openai",
        "models.default.api_key=sk-test", "models.default.model=m", urls), 3,
        dir.resolve("shards"));
    for (ShardPlan.Planned p : plan.shards()) {
      assertThat(p.overrides()).contains("scale.shard=" + p.index());
    }
    ShardPlan oneServer = ShardPlanner.plan(load("quickstart.yaml"), 3, dir.resolve("shards1"));
    assertThat(oneServer.shards()).allSatisfy(p -> assertThat(p.overrides()).noneMatch(o -> o.startsWith("scale.")));
    assertThatThrownBy(() -> ShardPlanner.requestedShards(load("quickstart.yaml", "scale.shard=1")))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("scale.shard is set by synthkit for each shard");
  }

  @Test
  void shardSeeds_areDerivedFromTheRunSeed_distinct_andStable() {
    List<Long> a = IntStream.range(0, 64).mapToObj(i -> ShardSeed.of(42, i)).toList();
    assertThat(new HashSet<>(a)).hasSize(64);
    assertThat(a).allMatch(s -> s >= 0);
    assertThat(IntStream.range(0, 64).mapToObj(i -> ShardSeed.of(42, i)).toList()).isEqualTo(a);
    assertThat(ShardSeed.of(43, 0)).isNotEqualTo(a.get(0));
  }

  @Test
  void reverseGen_isRefused_withTheReason() {
    assertThatThrownBy(() -> ShardPlanner.plan(load("reversegen-math.yaml"), 4, dir.resolve("shards")))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("reversegen is not split into shards")
        .hasMessageContaining("trains the proposer")
        .satisfies(e -> assertThat(((SynthkitException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void shardsAreCapped_byTheSeedsToDivide_andTheBudgetIsSplit() {
    ShardPlan plan = ShardPlanner.plan(load("aide-freetext.yaml", "target=100", "budget.max_cost_usd=3"), 20,
        dir.resolve("shards"));
    assertThat(plan.count()).isEqualTo(8); // 8 seeds in aide-coding-tasks.jsonl
    assertThat(Arrays.stream(plan.targets()).sum()).isEqualTo(100);
    assertThat(plan.notices()).anyMatch(n -> n.contains("only 8"));
    assertThat(plan.shards().get(0).overrides()).contains("aide.seeds=1")
        .anyMatch(o -> o.startsWith("budget.max_cost_usd=0.375"));
  }

  @Test
  void scaleShards_mustBeAPositiveInteger() {
    assertThat(ShardPlanner.requestedShards(load("quickstart.yaml", "scale.shards=6"))).isEqualTo(6);
    assertThat(ShardPlanner.requestedShards(load("quickstart.yaml"))).isZero();
    assertThatThrownBy(() -> ShardPlanner.requestedShards(load("quickstart.yaml", "scale.shards=0")))
        .hasMessageContaining("scale.shards").hasMessageContaining("positive integer");
    assertThatThrownBy(() -> ShardPlanner.requestedShards(load("quickstart.yaml", "scale.shard=2")))
        .hasMessageContaining("unknown key; allowed: shards");
  }

  @Test
  void topUp_extendsOnlyTheCompletedShards_byTheDeficitExactly() {
    int[] targets = {5, 5, 5};
    List<ShardOutcome> outcomes = List.of(new ShardOutcome(0, "completed", 0, 5, null),
        new ShardOutcome(1, "incomplete", 5, 3, "seeds exhausted"), new ShardOutcome(2, "completed", 0, 5, null));
    assertThat(SparkRun.topUp(targets, outcomes, 5)).isTrue();
    assertThat(targets).containsExactly(8, 5, 7);
    assertThat(SparkRun.topUp(targets, List.of(new ShardOutcome(0, "incomplete", 5, 1, null)), 3)).isFalse();
    assertThat(targets).containsExactly(8, 5, 7);
  }
}
