package io.synthkit.cli;

import io.synthkit.Synthkit;
import io.synthkit.spi.SynthkitException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code synthkit} command. Each subcommand is a thin layer over the Java API; this class only maps failures to
 * exit codes: a {@link SynthkitException} prints its message (no stack trace) and exits with its code, anything else
 * is an internal error (exit 1; set {@code SYNTHKIT_DEBUG=1} for the stack trace).
 */
@Command(name = "synthkit", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Turns a handful of seed examples into large, diverse, verified training datasets with LLMs.",
    subcommands = {GenerateCommand.class, SimulateCommand.class, MethodsCommand.class, PromptsCommand.class,
        IndexCommand.class, PersonasCommand.class, EvaluateCommand.class, ReportCommand.class, ExportCommand.class,
        BenchmarkCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {

  /**
   * Lucene announces (via java.util.logging) that the incubating Vector API is not enabled; BM25 search does not use
   * it, so the notice would only confuse users. Held in a field because JUL keeps loggers weakly.
   */
  private static final java.util.logging.Logger LUCENE_VECTOR_NOTICE =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  private Main() {}

  /**
   * Runs the CLI and exits with its code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    LUCENE_VECTOR_NOTICE.setLevel(java.util.logging.Level.SEVERE);
    System.exit(execute(args));
  }

  /**
   * Runs the CLI and returns its exit code (for tests).
   *
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    // Everything printed while a command runs (results, errors, progress, log lines) is redacted on its way out.
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(RedactingStream.over(out));
    System.setErr(RedactingStream.over(err));
    try {
      return run(args);
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(System.out, true));
    cli.setErr(new PrintWriter(System.err, true));
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof SynthkitException se) {
        cmd.getErr().println("synthkit: error: " + se.getMessage());
        return se.exitCode();
      }
      cmd.getErr().println("synthkit: internal error: " + e);
      if (System.getenv("SYNTHKIT_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      } else {
        cmd.getErr().println("(set SYNTHKIT_DEBUG=1 to see the stack trace)");
      }
      return SynthkitException.EXIT_INTERNAL;
    });
    return cli.execute(args);
  }

  /** Reports the synthkit version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"synthkit " + Synthkit.version() + " (Java " + Runtime.version() + ")"};
    }
  }
}
