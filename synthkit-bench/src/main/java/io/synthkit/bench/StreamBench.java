package io.synthkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.RunOptions;
import io.synthkit.RunSpec;
import io.synthkit.Synthkit;
import io.synthkit.data.ItemSchema;
import io.synthkit.json.Json;
import io.synthkit.run.RunOutput;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Method;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.Schema;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Streams a large run through the whole engine (gateway, SQLite response cache, dataset sink, manifest) with a method
 * that keeps no state, sampling the live heap after a full GC as records accumulate. The engine's heap should stay
 * flat: nothing it keeps grows with the number of records beyond a few bytes per record id.
 *
 * <pre>bin/bench StreamBench [records=100000] [items_per_call=10]</pre>
 */
public final class StreamBench {

  private StreamBench() {}

  /** A stateless method: each call asks for a batch of items and accepts them all. */
  record Params(Integer itemsPerCall) {}

  public static final class Streaming implements Method<Params> {

    /** Registered as a method through META-INF/services, like any plug-in method. */
    public Streaming() {}

    @Override
    public String name() {
      return "stream-bench";
    }

    @Override
    public String description() {
      return "benchmark method";
    }

    @Override
    public Class<Params> paramsType() {
      return Params.class;
    }

    @Override
    public List<String> roles() {
      return List.of("default");
    }

    @Override
    public void run(RunContext ctx, Params p) {
      int n = p.itemsPerCall() == null ? 10 : p.itemsPerCall();
      ObjectNode item = Json.object().put("type", "object");
      item.putObject("properties").putObject("text").put("type", "string");
      item.putArray("required").add("text");
      item.put("additionalProperties", false);
      Schema schema = ItemSchema.batch("batch", item, n);
      Llm llm = ctx.llm("default");
      for (int round = 0; !ctx.done(); round++) {
        int r = round;
        List<Reply<JsonNode>> replies = ctx.parallel(IntStream.range(0, 32).boxed().toList(),
            i -> llm.tryAsk(Prompt.user("Write " + n + " short sentences. " + r + "/" + i), schema,
                "r" + r + "/c" + i));
        List<DataRecord> batch = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
          if (replies.get(i) instanceof Reply.Ok<JsonNode> ok) {
            JsonNode items = ok.value().path("items");
            for (int j = 0; j < items.size(); j++) {
              batch.add(new DataRecord("s-" + r + "-" + i + "-" + j, (ObjectNode) items.get(j),
                  JsonNodeFactory.instance.objectNode()));
            }
          }
        }
        ctx.acceptAll(batch);
      }
    }
  }

  /**
   * Entry point.
   *
   * @param args record count, items per call
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int perCall = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("synthkit-stream-bench");
    RunSpec config = Synthkit.spec("stream", "stream-bench").target(records)
        .outputDir(dir).simulated().set("models.default.max_concurrency", 32)
        .set("models.default.simulator", Map.of("approximate_tokens", true))
        .set("stream-bench.itemsPerCall", perCall).baseDir(dir).environment(Map.of()).build();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    List<String> samples = new ArrayList<>();
    Path dataset = RunOutput.of(config.runDir()).dataset();
    Thread sampler = new Thread(() -> {
      int next = records / 10;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          long lines = Files.exists(dataset) ? Files.size(dataset) : 0;
          int count = (int) (Files.exists(dataset) ? countLines(dataset) : 0);
          if (count >= next) {
            System.gc();
            samples.add(String.format(Locale.ROOT, "%7d records: live heap %6.1f MB", count,
                mem.getHeapMemoryUsage().getUsed() / 1e6));
            next += records / 10;
          }
          Thread.sleep(lines == 0 ? 50 : 200);
        }
      } catch (InterruptedException | java.io.IOException e) {
        Thread.currentThread().interrupt();
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    RunResult r = Synthkit.run(config, RunOptions.DEFAULT.withListener(RunListener.NONE));
    double secs = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    sampler.join();
    System.gc();
    samples.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "final: %d records in %.1f s (%.0f records/s), %d calls; live heap after GC %.1f MB;"
        + " dataset %.1f MB%n", r.accepted(), secs, r.accepted() / secs, r.usage().calls(),
        mem.getHeapMemoryUsage().getUsed() / 1e6, Files.size(RunOutput.of(r.runDir()).dataset()) / 1e6);
  }

  private static long countLines(Path p) throws java.io.IOException {
    long n = 0;
    for (byte b : Files.readAllBytes(p)) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }
}
