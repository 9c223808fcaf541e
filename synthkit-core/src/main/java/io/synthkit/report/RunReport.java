package io.synthkit.report;

import io.synthkit.config.RunConfig;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The report a run writes when it ends. The facade prepares one before the run directory opens (so a bad
 * {@code report:} section fails fast, like any config error) and calls {@link #write} after the run has closed it.
 * The run's config supplies the seed file and the embeddings provider. A failure to write the report is a notice and
 * never fails the run. Interrupted runs get no report: Ctrl-C should stop promptly, and resuming writes one.
 */
public final class RunReport {

  private final RunConfig config;
  private final ReportSettings settings;

  private RunReport(RunConfig config, ReportSettings settings) {
    this.config = config;
    this.settings = settings;
  }

  /**
   * Reads and validates the config's {@code report:} section.
   *
   * @param config the run config
   * @return the report to write at the end
   * @throws io.synthkit.spi.SynthkitException (exit 2) for an invalid section, naming the key
   */
  public static RunReport prepare(RunConfig config) {
    return new RunReport(config, config.bind("report", ReportSettings.class));
  }

  /**
   * Tells whether the report will be written.
   *
   * @return false when the config says {@code report: {enabled: false}}
   */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Writes {@code report.html} for a finished run, unless disabled or interrupted.
   *
   * @param result how the run ended
   * @param listener told where the report is, or why it is not
   * @return the report file, or empty when none was written
   */
  public Optional<Path> write(RunResult result, RunListener listener) {
    if (!settings.enabled() || result.status() == RunStatus.INTERRUPTED || !Files.isDirectory(result.runDir())) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    try {
      Path file = Reports.write(result.runDir(), ReportOptions.DEFAULT.with(settings).withConfig(config));
      listener.notice(String.format(Locale.ROOT, "report: %s (%.1f s)", file, (System.nanoTime() - start) / 1e9));
      return Optional.of(file);
    } catch (RuntimeException e) {
      listener.notice("could not write the report for " + result.runDir() + ": " + e.getMessage()
          + " (run `synthkit report " + result.runDir() + "` to retry)");
      return Optional.empty();
    }
  }
}
