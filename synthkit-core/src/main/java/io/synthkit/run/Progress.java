package io.synthkit.run;

import io.synthkit.llm.Usage;
import io.synthkit.llm.UsageMeter;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line on stderr: accepted/target, rejections, calls, tokens, dollars, rate and ETA, plus what the method
 * says it is doing. On a terminal it redraws one line twice a second; otherwise (CI, logs, pipes) it prints a plain
 * line every ten seconds. Thread-safe.
 */
final class Progress implements AutoCloseable {

  private final PrintStream out;
  private final boolean tty;
  private final DatasetSink sink;
  private final UsageMeter meter;
  private final long startNanos = System.nanoTime();
  private final int startAccepted;
  private final ScheduledExecutorService timer;
  private volatile String status = "starting";

  Progress(PrintStream out, boolean tty, DatasetSink sink, UsageMeter meter, boolean enabled) {
    this.out = out;
    this.tty = tty;
    this.sink = sink;
    this.meter = meter;
    this.startAccepted = sink.accepted();
    if (enabled) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "synthkit-progress");
        t.setDaemon(true);
        return t;
      });
      long period = tty ? 500 : 10_000;
      timer.scheduleAtFixedRate(this::print, period, period, TimeUnit.MILLISECONDS);
    } else {
      timer = null;
    }
  }

  void status(String text) {
    this.status = text;
  }

  String line() {
    Usage u = meter.total();
    int accepted = sink.accepted();
    int target = sink.target();
    double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = (accepted - startAccepted) / secs;
    String eta = rate > 0 && accepted < target ? duration((target - accepted) / rate) : "-";
    return String.format(Locale.ROOT, "[synthkit] %d/%d accepted (%d%%) | %d rejected | %d calls, %d cached | %s tokens"
        + " | $%.4f | %.2f rec/s | ETA %s | %s", accepted, target, target == 0 ? 100 : accepted * 100L / target,
        sink.rejected(), u.calls(), u.cacheHits(), human(u.tokens()), u.costUsd(), rate, eta, status);
  }

  private void print() {
    String line = line();
    if (tty) {
      int width = 160;
      String shown = line.length() > width ? line.substring(0, width) : line;
      out.print("\r" + shown + " ".repeat(Math.max(0, width - shown.length())));
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      if (tty) {
        out.print("\r" + " ".repeat(160) + "\r");
      }
      out.println(line().replace(" | ETA -", ""));
      out.flush();
    }
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
