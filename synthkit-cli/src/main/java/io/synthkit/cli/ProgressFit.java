package io.synthkit.cli;

import io.synthkit.spi.RunListener.RunProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Lays out the terminal's progress line within a width: a bar, records, percent, cost, ETA, slow work or a wait, the
 * step with its [done/planned] counter, calls in flight. When the line is too long, parts give way by priority: calls
 * in flight first, then the percent, the step's text (shortened before it goes), the cost, the ETA and the notice
 * (shortened), the counter and the bar; the records stay. Stateless.
 */
final class ProgressFit {

  private static final int BAR = 12;

  private ProgressFit() {}

  /**
   * One part of the line.
   *
   * @param text what it shows
   * @param sep what goes before it when a part precedes it
   * @param rank the lower, the sooner it gives way
   * @param shortest shortened down to this many characters before it is dropped; 0 when it is never shortened
   * @param gluedTo the rank of the part it is glued to with a space (the counter to its step), or 0; when that part
   *     has given way, it stands alone after a bar like the others
   */
  private record Part(String text, String sep, int rank, int shortest, int gluedTo) {
    Part(String text, String sep, int rank, int shortest) {
      this(text, sep, rank, shortest, 0);
    }

    @Nullable Part shortenedBy(int excess) {
      int keep = text.length() - excess - 1;
      return shortest > 0 && keep >= shortest ? new Part(text.substring(0, keep).stripTrailing() + "…", sep, rank,
          shortest, gluedTo) : null;
    }
  }

  /**
   * The terminal line, never longer than {@code width}.
   *
   * @param p the snapshot
   * @param width the most characters the line may have
   * @return the line
   */
  static String fit(RunProgress p, int width) {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(bar(p), "", 8, 0));
    parts.add(new Part(p.accepted() + "/" + p.target(), " ", 99, 0));
    parts.add(new Part(percent(p) + "%", " ", 2, 0));
    parts.add(new Part(String.format(Locale.ROOT, "$%.4f", p.usage().costUsd()), " | ", 4, 0));
    parts.add(new Part("ETA " + (p.eta() == null ? "-" : ProgressLine.duration(p.eta().toNanos() / 1e9)), " | ", 5,
        0));
    String note = p.waiting() != null ? p.waiting() : p.activity();
    if (note != null) {
      parts.add(new Part(note, " | ", 6, 12));
    }
    String counter = counter(p);
    if (!p.step().isEmpty()) {
      parts.add(new Part(p.step(), " | ", 3, 8));
    }
    if (!counter.isEmpty()) {
      parts.add(new Part(counter, " ", 7, 0, 3));
    }
    if (p.callsInFlight() > 0) {
      parts.add(new Part(p.callsInFlight() + " in flight", " | ", 1, 0));
    }
    String line = join(parts);
    while (line.length() > width) {
      int lowest = 0;
      for (int i = 1; i < parts.size(); i++) {
        if (parts.get(i).rank() < parts.get(lowest).rank()) {
          lowest = i;
        }
      }
      if (parts.get(lowest).rank() == 99) {
        return line.substring(0, width);
      }
      Part shorter = parts.get(lowest).shortenedBy(line.length() - width);
      if (shorter != null) {
        parts.set(lowest, shorter);
      } else {
        parts.remove(lowest);
      }
      line = join(parts);
    }
    return line;
  }

  private static String join(List<Part> parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (i > 0) {
        boolean glued = part.gluedTo() == 0 || parts.get(i - 1).rank() == part.gluedTo();
        sb.append(glued ? part.sep() : " | ");
      }
      sb.append(part.text());
    }
    return sb.toString();
  }

  /** The step with its counter, for plain lines. */
  static String step(RunProgress p) {
    String counter = counter(p);
    return counter.isEmpty() ? p.step() : p.step() + " " + counter;
  }

  /** {@code [done/planned]}; {@code [12 calls]} for a step without a plan; empty before anything finished. */
  private static String counter(RunProgress p) {
    if (p.stepTotal() > 0) {
      return "[" + p.stepDone() + "/" + p.stepTotal() + "]";
    }
    return p.stepDone() > 0 ? "[" + p.stepDone() + (p.stepDone() == 1 ? " call]" : " calls]") : "";
  }

  static long percent(RunProgress p) {
    return p.target() == 0 ? 100 : Math.min(100, p.accepted() * 100L / p.target());
  }

  private static String bar(RunProgress p) {
    int filled = p.target() == 0 ? BAR : (int) Math.min(BAR, (long) p.accepted() * BAR / p.target());
    return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
  }
}
