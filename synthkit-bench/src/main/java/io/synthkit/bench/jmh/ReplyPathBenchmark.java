package io.synthkit.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.dedup.RougeFilter;
import io.synthkit.json.JsonExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU cost of the per-reply work that sits on the client side of every model call: pulling JSON out of the reply
 * text (clean, fenced, wrapped in prose, with a trailing comma) and Self-Instruct's ROUGE-L check of a candidate
 * against a pool of accepted items.
 *
 * <pre>bin/bench jmh ReplyPath -f 1 -wi 3 -i 5</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplyPathBenchmark {

  /** A reply text of one shape. */
  @State(Scope.Benchmark)
  public static class Reply {
    /** The shape of the reply text. */
    @Param({"clean", "fenced", "prose", "trailing-comma"})
    public String shape;

    String text;

    /** Builds the reply from a fixed seed. */
    @Setup
    public void setUp() {
      Random random = new Random(7);
      String json = "{\"instruction\": \"" + sentence(random, 18) + "\", \"input\": \"\", \"output\": \""
          + sentence(random, 60) + "\", \"tags\": [\"a\", \"b\"]}";
      text = switch (shape) {
        case "clean" -> json;
        case "fenced" -> "```json\n" + json + "\n```";
        case "prose" -> "Sure! Here is the item you asked for:\n\n" + json + "\n\nLet me know if you need more.";
        case "trailing-comma" -> json.replace("]}", "],}");
        default -> throw new IllegalArgumentException(shape);
      };
    }
  }

  /** A ROUGE-L filter holding a pool of accepted items, and a candidate. */
  @State(Scope.Benchmark)
  public static class Pool {
    /** Accepted items the candidate is compared against. */
    @Param({"100", "1000"})
    public int size;

    RougeFilter filter;
    String candidate;

    /** Builds the pool from a fixed seed. */
    @Setup
    public void setUp() {
      Random random = new Random(11);
      List<String> items = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        items.add(sentence(random, 12 + random.nextInt(12)));
      }
      filter = new RougeFilter();
      filter.addSeeds(items);
      candidate = sentence(random, 16);
    }
  }

  /**
   * Extracts the JSON object from the reply.
   *
   * @param reply the reply
   * @return the object
   */
  @Benchmark
  public JsonNode extractJson(Reply reply) {
    return JsonExtractor.extract(reply.text);
  }

  /**
   * Checks one candidate against the pool without adding it.
   *
   * @param pool the pool
   * @return the decision
   */
  @Benchmark
  public RougeFilter.Decision rougeCheck(Pool pool) {
    return pool.filter.check(pool.candidate);
  }

  private static String sentence(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  private static final String[] WORDS = ("write explain list describe compare summarize a the an of to in for with "
      + "on poem story email letter recipe plan function program essay review report table chart question answer "
      + "reason step simple short long formal friendly python java data model user customer city river history "
      + "science music budget travel health school garden kitchen market").split(" ");
}
