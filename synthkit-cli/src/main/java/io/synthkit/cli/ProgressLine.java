package io.synthkit.cli;

import io.synthkit.spi.RunListener.RunProgress;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.Usage;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Shows a run's progress and notices on stderr. On a terminal it redraws one line, never wider than the terminal (a
 * wrapped line would fill the screen with copies): a bar, records, cost, the ETA and the method's current step with
 * its finished/total pieces of work. Otherwise (CI, logs, pipes) it prints a plain line every ten seconds. Notices
 * always get their own line. Thread-safe.
 */
final class ProgressLine implements RunListener {

  private static final long PLAIN_PERIOD_NANOS = 10_000_000_000L;
  private static final int BAR = 12;

  private final PrintStream out;
  private final boolean tty;
  private final boolean showProgress;
  private final IntSupplier width;
  private long lastPlain = System.nanoTime();
  private int drawn;

  ProgressLine(PrintStream out, boolean tty, boolean showProgress) {
    this(out, tty, showProgress, TerminalWidth::current);
  }

  ProgressLine(PrintStream out, boolean tty, boolean showProgress, IntSupplier width) {
    this.out = out;
    this.tty = tty;
    this.showProgress = showProgress;
    this.width = width;
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
      String line = fit(p, Math.max(20, width.getAsInt() - 1));
      out.print(line);
      drawn = line.length();
    } else if (System.nanoTime() - lastPlain >= PLAIN_PERIOD_NANOS) {
      lastPlain = System.nanoTime();
      out.println(plain(p));
    }
    out.flush();
  }

  private void clear() {
    if (drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      drawn = 0;
    }
  }

  /**
   * The terminal line: the essentials first, then as much of the step as fits. Never longer than {@code width}.
   *
   * @param p the snapshot
   * @param width the most characters the line may have
   * @return the line
   */
  static String fit(RunProgress p, int width) {
    String head = bar(p) + " " + p.accepted() + "/" + p.target() + " " + percent(p) + "%";
    String money = String.format(Locale.ROOT, "$%.4f", p.usage().costUsd());
    String eta = "ETA " + eta(p);
    StringBuilder line = new StringBuilder(head);
    for (String part : new String[] {money, eta}) {
      if (line.length() + 3 + part.length() <= width) {
        line.append(" | ").append(part);
      }
    }
    // The step's text gives way before its [done/total] pieces: those are what show the run moving.
    String pieces = p.stepTotal() > 0 ? " [" + p.stepDone() + "/" + p.stepTotal() + "]" : "";
    int room = width - line.length() - 3 - pieces.length();
    String text = p.step();
    if (room >= 6 && !(text.isEmpty() && pieces.isEmpty())) {
      line.append(" | ").append(text.length() <= room ? text : text.substring(0, room - 1) + "…").append(pieces);
    } else if (!pieces.isEmpty() && line.length() + 3 + pieces.length() - 1 <= width) {
      line.append(" | ").append(pieces.strip());
    }
    return line.length() <= width ? line.toString() : line.substring(0, width);
  }

  /** The line for logs: everything, unabridged. */
  static String plain(RunProgress p) {
    Usage u = p.usage();
    return String.format(Locale.ROOT, "[synthkit] %d/%d accepted (%d%%) | %d rejected | %d calls, %d cached, %d"
        + " retries | %s tokens | $%.4f | %s | ETA %s | %s", p.accepted(), p.target(), percent(p), p.rejected(),
        u.calls(), u.cacheHits(), u.retries(), human(u.tokens()), u.costUsd(), duration(p.elapsed().toNanos() / 1e9),
        eta(p), step(p)).replace(" | ETA - | ", " | ");
  }

  private static String step(RunProgress p) {
    return p.stepTotal() > 0 ? p.step() + " [" + p.stepDone() + "/" + p.stepTotal() + "]" : p.step();
  }

  private static String bar(RunProgress p) {
    int filled = p.target() == 0 ? BAR : (int) Math.min(BAR, (long) p.accepted() * BAR / p.target());
    return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
  }

  private static long percent(RunProgress p) {
    return p.target() == 0 ? 100 : Math.min(100, p.accepted() * 100L / p.target());
  }

  private static String eta(RunProgress p) {
    double secs = Math.max(1e-3, p.elapsed().toNanos() / 1e9);
    double rate = p.acceptedThisSession() / secs;
    return rate > 0 && p.accepted() < p.target() ? duration((p.target() - p.accepted()) / rate) : "-";
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
