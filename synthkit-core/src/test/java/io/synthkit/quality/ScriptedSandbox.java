package io.synthkit.quality;

import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.SandboxProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double for the Python sandbox: it maps known programs to outcomes and records what ran. It tests the
 * decisions of {@code math_check}, not Python; the GraalPy integration test in the CLI module runs real programs.
 */
final class ScriptedSandbox implements CodeSandbox {

  static final Map<String, ExecutionResult> OUTCOMES = new ConcurrentHashMap<>();
  static final List<String> RAN = new CopyOnWriteArrayList<>();

  static void reset() {
    OUTCOMES.clear();
    RAN.clear();
  }

  static ExecutionResult value(String v) {
    return new ExecutionResult.Ok("", v);
  }

  static ExecutionResult fails(ExecutionResult.Kind kind, String message) {
    return new ExecutionResult.Failed(kind, message, "");
  }

  @Override
  public ExecutionResult run(String code, SandboxLimits limits, String resultVariable) {
    RAN.add(code);
    ExecutionResult r = OUTCOMES.get(code.strip());
    return r != null ? r : new ExecutionResult.Failed(ExecutionResult.Kind.SYNTAX, "unknown test program: " + code, "");
  }

  @Override
  public void close() {}

  /** Registered only inside {@link StageRuns}' class loader, so other modules' tests never see it. */
  public static final class Provider implements SandboxProvider {
    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public CodeSandbox create() {
      return new ScriptedSandbox();
    }
  }
}
