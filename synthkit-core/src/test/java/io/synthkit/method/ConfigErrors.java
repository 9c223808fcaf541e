package io.synthkit.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.Runs;
import io.synthkit.config.RunConfig;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Assertions for config mistakes a method must catch in {@code validate}, before anything is written. */
public final class ConfigErrors {

  private ConfigErrors() {}

  /**
   * Runs a config through the facade and asserts that it fails as a usage error (exit 2) whose message holds every
   * fragment, and that neither the run directory nor the output directory was created.
   *
   * @param config a config with one mistake
   * @param fragments what the message must name: the key, the file, the line or item, what is allowed
   */
  public static void assertRejectedBeforeRun(RunConfig config, String... fragments) {
    assertThat(config.outputDir()).as("output directory before the run").doesNotExist();
    assertThatThrownBy(() -> Runs.run(config)).isInstanceOfSatisfying(SynthkitException.class, e -> {
      assertThat(e.exitCode()).as(e.getMessage()).isEqualTo(SynthkitException.EXIT_USAGE);
      assertThat(e.getMessage()).contains(fragments);
    });
    assertThat(config.runDir()).as("run directory").doesNotExist();
    assertThat(config.outputDir()).as("output directory").doesNotExist();
  }

  /**
   * Writes a text file (creating its directory).
   *
   * @param file the file
   * @param text its content
   * @return the file
   */
  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
