package io.synthkit.sandbox.graalpy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stdout and stderr of one Python context, with one shared byte budget. The context's streams are fixed when the
 * context is built (possibly ahead of time, see {@link PythonRunner#prepare()}), so the budget is set later with
 * {@link #arm}.
 *
 * <p>Past the budget it keeps nothing more and calls the overflow action once, which cancels the context: returning
 * quietly would let a print loop run on until the wall clock, and throwing an {@code IOException} would surface as a
 * Python {@code OSError} that the program could catch. Thread-safe.
 */
final class OutputCapture {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final OutputStream stdout = new Sink(out);
  private final OutputStream stderr = new Sink(err);
  private long limit = Long.MAX_VALUE;
  private long used;
  private boolean overflowed;
  private Runnable onOverflow = () -> {};

  /**
   * Starts a run: clears what was captured and sets the budget.
   *
   * @param maxBytes the most bytes stdout and stderr may hold together
   * @param onOverflow called once, on the writing thread, when the program writes past the budget
   */
  synchronized void arm(long maxBytes, Runnable onOverflow) {
    out.reset();
    err.reset();
    this.limit = maxBytes;
    this.used = 0;
    this.overflowed = false;
    this.onOverflow = onOverflow;
  }

  OutputStream stdout() {
    return stdout;
  }

  OutputStream stderr() {
    return stderr;
  }

  synchronized boolean overflowed() {
    return overflowed;
  }

  /** Returns stdout decoded as UTF-8 (a character cut at the budget becomes U+FFFD). */
  synchronized String stdoutText() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private void write(ByteArrayOutputStream target, byte[] bytes, int offset, int length) {
    Runnable overflowAction = null;
    synchronized (this) {
      if (overflowed) {
        return;
      }
      int kept = (int) Math.min(length, limit - used);
      target.write(bytes, offset, kept);
      used += kept;
      if (kept < length) {
        overflowed = true;
        overflowAction = onOverflow;
      }
    }
    if (overflowAction != null) {
      overflowAction.run();
    }
  }

  private final class Sink extends OutputStream {
    private final ByteArrayOutputStream target;

    Sink(ByteArrayOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      OutputCapture.this.write(target, bytes, offset, length);
    }
  }
}
