package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's commands name only things a newcomer has: every {@code runs/<name>} is the run an example config
 * creates, and every {@code examples/...} path exists (a README that sent users to {@code runs/advisor} or
 * {@code runs/self-instruct}, which no example creates, was a first-hour stumble).
 */
class ReadmeNamesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void runsAndExampleFilesNamedInTheReadme_exist() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Set<String> runNames = new TreeSet<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        for (String line : Files.readAllLines(p)) {
          if (line.startsWith("name:")) {
            runNames.add(line.substring(5).trim());
          }
        }
      }
    }
    assertThat(runNames).contains("quickstart");
    Matcher runs = Pattern.compile("\\bruns/([A-Za-z0-9_-]+)").matcher(readme);
    Set<String> named = new TreeSet<>();
    while (runs.find()) {
      named.add(runs.group(1));
    }
    assertThat(named).isNotEmpty();
    assertThat(runNames).as("runs the README names").containsAll(named);
    Matcher examples = Pattern.compile("\\bexamples/[A-Za-z0-9_./-]*[A-Za-z0-9_]").matcher(readme);
    while (examples.find()) {
      assertThat(ROOT.resolve(examples.group())).as(examples.group()).exists();
    }
  }
}
