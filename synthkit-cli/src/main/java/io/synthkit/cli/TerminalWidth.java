package io.synthkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's width in columns: {@code $COLUMNS} when the shell exports it, else what {@code stty size} reports for
 * the controlling terminal, else 80. Asked again at most every five seconds, so resizing the window is followed.
 */
final class TerminalWidth {

  private static final long RECHECK_NANOS = 5_000_000_000L;
  private static long checkedAt;
  private static int columns = 80;

  private TerminalWidth() {}

  static synchronized int current() {
    long now = System.nanoTime();
    if (checkedAt == 0 || now - checkedAt > RECHECK_NANOS) {
      checkedAt = now;
      columns = detect();
    }
    return columns;
  }

  /**
   * Tells whether the user watches a terminal (so the progress line may be redrawn in place). Since JDK 22
   * {@code System.console()} is not null when output is redirected; {@code Console.isTerminal()} says, where it exists.
   *
   * @return true on an interactive terminal
   */
  static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException olderJdk) {
      return true; // before JDK 22, a console exists only on a terminal
    }
  }

  private static int detect() {
    String env = System.getenv("COLUMNS");
    if (env != null && env.matches("\\d{2,4}")) {
      return Integer.parseInt(env);
    }
    try {
      Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+ \\d+")) {
        return Integer.parseInt(out.split(" ")[1]);
      }
    } catch (IOException e) {
      // no sh or no terminal: the default will do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 80;
  }
}
