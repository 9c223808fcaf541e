package io.synthkit.bench;

import io.synthkit.Synthkit;
import io.synthkit.RunOptions;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Dollars per accepted record, per method, with provider prompt caching off and on: each example config in
 * {@code examples/} runs against the simulator (over HTTP, as an Anthropic endpoint: the caching that requests must
 * switch on) once with {@code prompt_cache: false} and once with it on, each in a fresh run directory and a fresh
 * simulator, and the table shows tokens and dollars per accepted record. The simulator's replies are placeholder text,
 * so completion lengths are the simulator's, not a real model's; prompt tokens are the real prompts'.
 *
 * <p>Usage: {@code bin/bench CostBench [key=value...]} with keys {@code target} (default 40), {@code model} (default
 * claude-sonnet-4-5, minimum cacheable prefix 1,024 tokens), {@code input}, {@code output}, {@code cached},
 * {@code write} (USD per million tokens; default Claude Sonnet 4.5's list prices 3, 15, 0.30, 3.75) and
 * {@code examples} (comma-separated file names; default every run example), {@code api} ({@code anthropic}, or
 * {@code openai}: OpenAI caches identical prefixes of 1,024+ tokens by itself, so there is one run, and "off" prices its
 * cached tokens at the input price, what the same calls would cost without the cache).
 */
public final class CostBench {

  private CostBench() {}

  record Row(String example, int accepted, int offAccepted, Usage off, Usage on) {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>(Map.of("target", "40", "model", "claude-sonnet-4-5", "input", "3",
        "output", "15", "cached", "0.30", "write", "3.75", "examples", "", "api", "anthropic"));
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 0 || !opt.containsKey(a.substring(0, eq))) {
        System.err.println("unknown argument '" + a + "'; keys: " + opt.keySet());
        System.exit(2);
      }
      opt.put(a.substring(0, eq), a.substring(eq + 1));
    }
    Path examples = Path.of("examples").toAbsolutePath();
    List<Path> configs;
    try (Stream<Path> files = Files.list(examples)) {
      configs = files.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().startsWith("benchmark"))
          .filter(p -> opt.getOrDefault("examples", "").isEmpty()
              || List.of(opt.getOrDefault("examples", "").split(",")).contains(p.getFileName().toString()))
          .sorted().toList();
    }
    Path out = Files.createTempDirectory("synthkit-costbench");
    List<Row> rows = new ArrayList<>();
    for (Path config : configs) {
      boolean openAi = "openai".equals(opt.get("api"));
      RunResult on = run(config, opt, true, out);
      RunResult off = openAi ? uncached(on, opt) : run(config, opt, false, out);
      rows.add(new Row(config.getFileName().toString().replace(".yaml", ""), on.accepted(), off.accepted(),
          off.usage(), on.usage()));
    }
    System.out.printf(Locale.ROOT, "model %s as %s on the simulator, target %s; USD/Mtok input %s, output %s,"
        + " cache read %s, cache write %s; figures per accepted record%n", opt.get("model"), opt.get("api"), opt.get("target"),
        opt.get("input"), opt.get("output"), opt.get("cached"), opt.get("write"));
    System.out.println("| example | accepted | prompt tok | completion tok | cached tok (read) | cache-write tok |"
        + " $ / record, caching off | $ / record, caching on | saving |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Row r : rows) {
      double n = Math.max(1, r.accepted());
      System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %,.0f | %,.0f | %.6f | %.6f | %.0f%% |%n",
          r.example(), r.accepted(), r.on().promptTokens() / n, r.on().completionTokens() / n,
          r.on().cachedTokens() / n, r.on().cacheWriteTokens() / n, r.off().costUsd() / Math.max(1, r.offAccepted()),
          r.on().costUsd() / n, 100 * (1 - (r.on().costUsd() / n) / Math.max(1e-12, r.off().costUsd()
              / Math.max(1, r.offAccepted()))));
    }
  }

  /** The same run priced as if nothing had been cached. */
  private static RunResult uncached(RunResult r, Map<String, String> opt) {
    Usage u = r.usage();
    double extra = u.cachedTokens() * (Double.parseDouble(opt.get("input")) - Double.parseDouble(opt.get("cached")))
        / 1e6;
    Usage priced = new Usage(u.calls(), u.cacheHits(), u.retries(), u.failures(), u.invalidReplies(), u.repairs(),
        u.promptTokens(), u.completionTokens(), u.costUsd() + extra, u.reasoningTokens(), 0, 0, 0);
    return new RunResult(r.status(), r.exitCode(), r.runDir(), r.accepted(), r.rejected(), priced, r.simulated(),
        r.message());
  }

  private static RunResult run(Path config, Map<String, String> opt, boolean cache, Path out) {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT)) {
      String m = "models.default.";
      boolean openAi = "openai".equals(opt.get("api"));
      RunResult r = Synthkit.run(Synthkit.load(config, "target=" + opt.get("target"),
          "output_dir=" + out.resolve((cache ? "on-" : "off-") + config.getFileName()), "report.enabled=false",
          m + "provider=" + opt.get("api"), m + "base_url=" + (openAi ? sim.baseUrl() : sim.rootUrl()),
          m + "api_key=sk-bench",
          m + "model=" + opt.get("model"), m + "prompt_cache=" + cache, m + "price.input_per_mtok=" + opt.get("input"),
          m + "price.output_per_mtok=" + opt.get("output"), m + "price.cached_input_per_mtok=" + opt.get("cached"),
          m + "price.cache_write_input_per_mtok=" + opt.get("write")), RunOptions.DEFAULT);
      System.err.printf(Locale.ROOT, "%s caching %s: %s, %d accepted, %d calls%n", config.getFileName(),
          cache ? "on" : "off", r.status(), r.accepted(), r.usage().calls());
      return r;
    }
  }
}
