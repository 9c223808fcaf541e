package io.synthkit.method.advisor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The examples generation prompts draw from: the seeds, then the items the loop adds (by default the first accepted
 * item of each batch; the reference's comment: so that popular concepts do not dominate the examples). Items are kept
 * projected to the generator's fields. Not thread-safe; the advisor loop owns it.
 */
final class ExamplePool {

  /** One pool item with the id records name as a parent. */
  record Example(String id, ObjectNode item) {}

  private final List<String> fields;
  private final List<Example> examples = new ArrayList<>();

  /**
   * Creates a pool of seeds, named {@code seed-0}, {@code seed-1}, ...
   *
   * @param seeds the seed items
   * @param fields the fields to keep
   */
  ExamplePool(List<ObjectNode> seeds, List<String> fields) {
    this.fields = List.copyOf(fields);
    for (int i = 0; i < seeds.size(); i++) {
      add("seed-" + i, seeds.get(i));
    }
  }

  /**
   * Adds an item, keeping only the generator's fields.
   *
   * @param id its record or seed id
   * @param item the item
   */
  void add(String id, ObjectNode item) {
    ObjectNode projected = Json.object();
    fields.forEach(f -> projected.set(f, item.path(f).isMissingNode() ? Json.tree("") : item.get(f)));
    examples.add(new Example(id, projected));
  }

  /**
   * Samples examples uniformly without replacement (the reference's {@code random.sample}).
   *
   * @param k how many (all of them, shuffled, when the pool is smaller)
   * @param rng the labelled generator of this prompt
   * @return the examples
   */
  List<Example> sample(int k, SplittableRandom rng) {
    return Rng.sample(examples, k, rng);
  }

  /** @return the number of examples */
  int size() {
    return examples.size();
  }
}
