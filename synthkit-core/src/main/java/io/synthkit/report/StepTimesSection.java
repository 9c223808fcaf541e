package io.synthkit.report;

import io.synthkit.run.Manifest;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The report's "Time per step" section: a small table of the wall time the run spent in each method step (all rounds
 * and sessions together) and its share of the run's wall time, then the slow one-off work that ran during the steps
 * (starting the Python sandbox, loading an embedding model). From {@code manifest.json}'s {@code timings}. Stateless.
 */
final class StepTimesSection {

  static final String ID = "time";

  private StepTimesSection() {}

  /**
   * Renders the section.
   *
   * @param man the run's manifest, or {@code null}
   * @return the section's HTML
   */
  static String html(@Nullable Manifest man) {
    StringBuilder out = new StringBuilder("<section id=\"" + ID + "\"><h2>Time per step</h2>\n");
    Manifest.Timings t = man == null ? null : man.timings();
    if (t == null || t.steps() == null || t.steps().isEmpty()) {
      out.append("<p class=\"note\">The manifest records no step times (no manifest, or one written by a synthkit"
          + " that did not time steps).</p>");
      return out.append("</section>\n").toString();
    }
    double wall = t.wallSeconds();
    out.append("<table id=\"step-times\"><tr><th>step</th><th>wall time</th><th>share</th></tr>");
    row(out, t.steps(), wall);
    out.append("</table>");
    if (t.oneOff() != null && !t.oneOff().isEmpty()) {
      out.append("<p>Slow one-off work, part of the steps' time:</p><table id=\"one-off-times\"><tr><th>work</th>"
          + "<th>wall time</th><th>share</th></tr>");
      row(out, t.oneOff(), wall);
      out.append("</table>");
    }
    out.append("<p class=\"note\">Wall time while the method was in each step, summed over its rounds and the run's ")
        .append(t.sessions()).append(t.sessions() == 1 ? " session" : " sessions")
        .append("; the time before the method's first step is \"starting\".</p>");
    return out.append("</section>\n").toString();
  }

  private static void row(StringBuilder out, Map<String, Double> seconds, double wall) {
    seconds.forEach((name, s) -> out.append("<tr><td>").append(Html.escape(name)).append("</td><td>")
        .append(String.format(Locale.ROOT, "%.1f s", s)).append("</td><td>")
        .append(wall <= 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * s / wall)).append("</td></tr>"));
  }
}
