package io.synthkit.cli;

import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunProgress;
import io.synthkit.spi.Usage;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a run's progress and notices on stderr. On a terminal it redraws one line as snapshots arrive; otherwise (CI,
 * logs, pipes) it prints a plain line every ten seconds. Notices always get their own line. Thread-safe.
 */
final class ProgressLine implements RunListener {

  private static final int WIDTH = 160;
  private static final long PLAIN_PERIOD_NANOS = 10_000_000_000L;

  private final PrintStream out;
  private final boolean tty;
  private final boolean showProgress;
  private long lastPlain = System.nanoTime();
  private boolean drawn;

  ProgressLine(PrintStream out, boolean tty, boolean showProgress) {
    this.out = out;
    this.tty = tty;
    this.showProgress = showProgress;
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
    String line = line(p);
    if (p.finished()) {
      clear();
      out.println(line.replace(" | ETA -", ""));
    } else if (tty) {
      String shown = line.length() > WIDTH ? line.substring(0, WIDTH) : line;
      out.print("\r" + shown + " ".repeat(Math.max(0, WIDTH - shown.length())));
      drawn = true;
    } else if (System.nanoTime() - lastPlain >= PLAIN_PERIOD_NANOS) {
      lastPlain = System.nanoTime();
      out.println(line);
    }
    out.flush();
  }

  private void clear() {
    if (drawn) {
      out.print("\r" + " ".repeat(WIDTH) + "\r");
      drawn = false;
    }
  }

  static String line(RunProgress p) {
    Usage u = p.usage();
    double secs = Math.max(1e-3, p.elapsed().toNanos() / 1e9);
    double rate = p.acceptedThisSession() / secs;
    String eta = rate > 0 && p.accepted() < p.target() ? duration((p.target() - p.accepted()) / rate) : "-";
    return String.format(Locale.ROOT, "[synthkit] %d/%d accepted (%d%%) | %d rejected | %d calls, %d cached | %s tokens"
        + " | $%.4f | %.2f rec/s | ETA %s | %s", p.accepted(), p.target(), p.target() == 0 ? 100
        : p.accepted() * 100L / p.target(), p.rejected(), u.calls(), u.cacheHits(), human(u.tokens()), u.costUsd(),
        rate, eta, p.step());
  }

  static String human(long n) {
    if (n < 10_000) {
      return Long.toString(n);
    }
    if (n < 10_000_000) {
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
