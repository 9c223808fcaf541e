package io.synthkit.spi;



/**
 * Runs model-written Python with no access to files, network, processes or the host, under a wall-clock limit and caps
 * on output and memory. Used by DataGen's code-based math verification and ReverseGen's math oracle.
 *
 * <p>The implementation lives in module {@code synthkit-sandbox-graalpy} (GraalPy inside the JVM) and is found through
 * {@link SandboxProvider}. Implementations are thread-safe: concurrent calls run in separate contexts.
 */
public interface CodeSandbox extends AutoCloseable {

  /**
   * Runs a program and reports what it printed and the value of one variable.
   *
   * @param code the Python source
   * @param limits time, output and memory caps
   * @param resultVariable the global variable whose final value to return (for example {@code answer}), or
   *     {@code null} to return none
   * @return the outcome; never throws for a fault of the program itself
   */
  ExecutionResult run(String code, SandboxLimits limits, String resultVariable);

  /** Releases the engine. */
  @Override
  void close();
}
