package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult.Failed;
import io.synthkit.spi.CodeSandbox.ExecutionResult.Kind;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns a {@link PolyglotException} from a snippet into a typed {@link Failed} whose message reads like Python's own
 * last traceback line plus the line number, for example {@code NameError: name 'x' is not defined (line 3)}, so it can
 * be fed back to the model that wrote the code. Stateless.
 */
final class PythonErrors {
  private PythonErrors() {}

  /**
   * Maps a failure of the snippet.
   *
   * @param e what the context threw
   * @param stdout what the program printed before failing
   * @param memoryNote says which memory limit applies, for a {@code MemoryError}
   * @return the typed failure
   */
  static Failed toFailure(PolyglotException e, String stdout, String memoryNote) {
    if (e.isSyntaxError()) {
      // GraalPy's syntax message already ends with "(snippet.py, line N)".
      return new Failed(Kind.SYNTAX, messageOf(e), stdout);
    }
    if (e.isCancelled() || e.isInterrupted()) {
      return new Failed(Kind.TIMEOUT, "the program was stopped", stdout);
    }
    if (e.isResourceExhausted()) {
      return new Failed(Kind.LIMIT, messageOf(e), stdout);
    }
    if (e.isExit()) {
      return new Failed(Kind.RUNTIME, e.getMessage() != null ? e.getMessage() : "SystemExit: " + e.getExitStatus(),
          stdout);
    }
    String message = messageOf(e);
    if (message.equals("MemoryError") || message.startsWith("MemoryError:")) {
      // GraalPy turns a Java OutOfMemoryError into MemoryError; the heap is the only memory cap there is.
      return new Failed(Kind.LIMIT, "MemoryError: the program ran out of memory (" + memoryNote + ")", stdout);
    }
    return new Failed(Kind.RUNTIME, message + lineSuffix(e), stdout);
  }

  private static String messageOf(PolyglotException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e.isInternalError()) {
      // Denied operations such as os.system, os.getcwd or thread creation surface as host exceptions
      // ("java.lang.SecurityException: Process creation is not allowed, to enable it set ..."). The model should see
      // a Python-style denial, not advice about the host's Context.Builder.
      int colon = message.indexOf(": ");
      String detail = colon < 0 ? message : message.substring(colon + 2);
      int hint = detail.indexOf(", to enable");
      detail = (hint < 0 ? detail : detail.substring(0, hint)).strip();
      return "PermissionError: " + (detail.isEmpty() ? "operation not permitted in the sandbox" : detail);
    }
    return message.isEmpty() ? "error" : message;
  }

  /** The innermost frame in the snippet itself (not in the standard library) gives the line. */
  private static String lineSuffix(PolyglotException e) {
    for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
      SourceSection location = frame.isGuestFrame() ? frame.getSourceLocation() : null;
      if (location != null && PythonRunner.SOURCE_NAME.equals(location.getSource().getName())) {
        return " (line " + location.getStartLine() + ")";
      }
    }
    return "";
  }

}
