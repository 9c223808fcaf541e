package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.run.Rng;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** The seeds a run expands, and the task demonstrations drawn from them. Immutable. */
final class SeedSet {

  private final List<Seed> seeds;

  private SeedSet(List<Seed> seeds) {
    this.seeds = List.copyOf(seeds);
  }

  /**
   * Reads {@code data.seeds} and keeps {@code seeds} of them (a seeded sample in file order when the file holds more,
   * as the paper samples 10 seeds per task).
   *
   * @param ctx the run
   * @param p the parameters
   * @return the seeds
   */
  static SeedSet read(RunContext ctx, AideParams p) {
    List<Seed> chosen = new ArrayList<>(Rng.sample(readAll(ctx.config(), p), p.seeds(), ctx.rng("seeds")));
    chosen.sort(Comparator.comparingInt(Seed::index));
    return new SeedSet(chosen);
  }

  /**
   * Reads every item of {@code data.seeds} and checks that each has the question field.
   *
   * @param config the run config
   * @param p the parameters
   * @return the items, in file order
   * @throws SynthkitException naming the config key, or the file and item at fault
   */
  static List<Seed> readAll(ConfigView config, AideParams p) {
    List<ObjectNode> items = SeedFile.readSeeds(config, p.questionField(), "for aide: a JSONL file of about 10"
        + " example items with a '" + p.questionField() + "' field (or a .txt file with one question per line)");
    SeedFile.requireText(items, p.questionField(), SeedFile.seedsName(config), true, " (set aide.question_field to the"
        + " field holding the question)");
    List<Seed> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      all.add(new Seed(i, items.get(i), items.get(i).get(p.questionField()).asText()));
    }
    return all;
  }

  /** @return the seeds, in file order */
  List<Seed> seeds() {
    return seeds;
  }

  /**
   * Draws task demonstrations for a node: other seeds, never the node's own, so that a deep node sees its seed only
   * through the residual connection (the component the paper's ablation isolates).
   *
   * @param own the node's seed
   * @param n how many
   * @param rng the node's generator
   * @return the demonstrations as JSON lines
   */
  String demonstrations(Seed own, int n, SplittableRandom rng) {
    List<Seed> others = seeds.stream().filter(s -> s.index() != own.index()).toList();
    StringBuilder sb = new StringBuilder();
    for (Seed s : Rng.sample(others, n, rng)) {
      sb.append(Json.write(s.item())).append('\n');
    }
    return sb.toString().strip();
  }
}
