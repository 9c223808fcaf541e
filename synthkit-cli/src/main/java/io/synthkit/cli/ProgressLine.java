package io.synthkit.cli;

import io.synthkit.spi.RunListener.RunProgress;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.Usage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shows a run's progress and notices on stderr. On a terminal it redraws one line in place, never wider than the
 * terminal (a wrapped line would fill the screen with copies): {@link ProgressFit} decides what fits. Otherwise (CI,
 * logs, pipes) it prints a plain line every period, and at once when the step changes or slow one-off work or a wait
 * begins (at most one such extra line a second). Notices always get their own line. Thread-safe.
 */
final class ProgressLine implements RunListener {

  /** The least time between two lines printed for a change, so a method switching steps quickly cannot flood a log. */
  private static final long CHANGE_GAP_NANOS = 1_000_000_000L;

  private final PrintStream out;
  private final boolean tty;
  private final boolean showProgress;
  private final IntSupplier width;
  private final long periodNanos;
  private final LongSupplier clock;
  private long lastPlain;
  private @Nullable String lastShown;
  private int drawn;

  ProgressLine(PrintStream out, boolean tty, boolean showProgress, Duration period) {
    this(out, tty, showProgress, TerminalWidth::current, period, System::nanoTime);
  }

  ProgressLine(PrintStream out, boolean tty, boolean showProgress, IntSupplier width, Duration period,
      LongSupplier clock) {
    this.out = out;
    this.tty = tty;
    this.showProgress = showProgress;
    this.width = width;
    this.periodNanos = period.toNanos();
    this.clock = clock;
    this.lastPlain = clock.getAsLong();
  }

  @Override
  public synchronized void notice(String message) {
    clear();
    out.println("synthkit: " + message);
    out.flush();
  }

  @Override
  public synchronized void progress(RunProgress p) {
    if (!showProgress) {
      return;
    }
    if (p.finished()) {
      clear();
      out.println(plain(p));
    } else if (tty) {
      clear();
      String line = ProgressFit.fit(p, Math.max(20, width.getAsInt() - 1));
      out.print(line);
      drawn = line.length();
    } else {
      long now = clock.getAsLong();
      String shown = what(p);
      boolean changed = !shown.equals(lastShown);
      if (lastShown == null || now - lastPlain >= periodNanos || (changed && now - lastPlain >= CHANGE_GAP_NANOS)) {
        lastPlain = now;
        lastShown = shown;
        out.println(plain(p));
      }
    }
    out.flush();
  }

  /** What a change of prints a plain line: the step's name (not its counter or detail), slow work, a wait. */
  private static String what(RunProgress p) {
    int dot = p.step().indexOf(" · ");
    String name = dot < 0 ? p.step() : p.step().substring(0, dot);
    return name + "\n" + (p.activity() == null ? "" : p.activity().replaceAll("… \\d+s$", "")) + "\n"
        + Objects.requireNonNullElse(p.waiting(), "");
  }

  private void clear() {
    if (drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      drawn = 0;
    }
  }

  /** The line for logs: everything, unabridged. */
  static String plain(RunProgress p) {
    Usage u = p.usage();
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[synthkit] %d/%d accepted (%d%%) | %d rejected"
        + " | %d calls, %d cached, %d retries", p.accepted(), p.target(), ProgressFit.percent(p), p.rejected(),
        u.calls(), u.cacheHits(), u.retries()));
    if (p.callsInFlight() > 0) {
      line.append(", ").append(p.callsInFlight()).append(" in flight");
    }
    line.append(String.format(Locale.ROOT, " | %s tokens | $%.4f | %s", human(u.tokens()), u.costUsd(),
        duration(p.elapsed().toNanos() / 1e9)));
    if (!p.finished() && p.eta() != null) {
      line.append(" | ETA ").append(duration(p.eta().toNanos() / 1e9));
    }
    line.append(" | ").append(ProgressFit.step(p));
    for (String note : new String[] {p.activity(), p.waiting()}) {
      if (note != null) {
        line.append(" | ").append(note);
      }
    }
    return line.toString();
  }

  static String human(long n) {
    if (n < 10_000) {
      return Long.toString(n);
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    return String.format(Locale.ROOT, "%.1fM", n / 1e6);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60);
    }
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02dm", (s % 3600) / 60);
  }
}
