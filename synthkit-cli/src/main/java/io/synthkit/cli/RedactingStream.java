package io.synthkit.cli;

import io.synthkit.Synthkit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output or error with every secret redacted ({@link Synthkit#redact(String)}): whatever the CLI prints,
 * log lines included, goes through it line by line, so a key a server echoed in an error never reaches the terminal
 * or a CI log. Lines end at {@code \n} or {@code \r} (the progress line rewrites itself with {@code \r}). Thread-safe.
 */
final class RedactingStream extends OutputStream {

  private final PrintStream target;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

  private RedactingStream(PrintStream target) {
    this.target = target;
  }

  /**
   * Wraps a stream.
   *
   * @param target where redacted lines go
   * @return a print stream (UTF-8, flushing at each line)
   */
  static PrintStream over(PrintStream target) {
    return new PrintStream(new RedactingStream(target), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n' || b == '\r') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public synchronized void flush() {
    emit();
    target.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }

  private void emit() {
    if (line.size() == 0) {
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    target.print(Synthkit.redact(text));
  }
}
