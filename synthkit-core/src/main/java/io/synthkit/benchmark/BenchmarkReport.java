package io.synthkit.benchmark;

import io.synthkit.json.Json;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link Benchmark}: one score per candidate, the spend per role, and a text table.
 *
 * @param dataset what was benchmarked
 * @param judge the judge role and model, e.g. {@code judge (gpt-4o)}
 * @param items how many items each candidate answered
 * @param simulated true when any role ran on the simulator (the scores then mean nothing)
 * @param scores one per candidate, in the order asked for
 * @param usage calls, tokens and cost per role
 */
public record BenchmarkReport(String dataset, String judge, int items, boolean simulated, List<ModelScore> scores,
    Map<String, Usage> usage) {

  /**
   * Formats the scores as a fixed-width table.
   *
   * @return the table, ending with a newline
   */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "benchmark of %s (%d items), judge: %s%n", dataset, items, judge));
    sb.append(String.format(Locale.ROOT, "%-16s %-28s %8s %10s %12s %9s%n", "role", "model", "correct", "incorrect",
        "unparseable", "accuracy"));
    for (ModelScore s : scores) {
      sb.append(String.format(Locale.ROOT, "%-16s %-28s %8d %10d %12d %9s%n", s.role(), s.model(), s.correct(),
          s.incorrect(), s.unparseable(), s.accuracy() == null ? "-" : String.format(Locale.ROOT, "%.3f",
              s.accuracy())));
    }
    sb.append("accuracy = correct / (correct + incorrect); unparseable verdicts are excluded.\n");
    if (simulated) {
      sb.append("SIMULATED: answers and verdicts are placeholders from synthkit's simulator, not real scores.\n");
    }
    return sb.toString();
  }

  /**
   * Writes the full report (per-item verdicts, usage) as indented JSON.
   *
   * @param file the file to write
   * @throws SynthkitException (exit 2) when it cannot be written
   */
  public void write(Path file) {
    try {
      Files.writeString(file, Json.pretty(this) + "\n");
    } catch (IOException e) {
      throw SynthkitException.input("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
