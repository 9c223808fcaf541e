package io.synthkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library never writes to the console: a Java user's application owns stdout and stderr, and synthkit speaks
 * through return values, exceptions, listeners and SLF4J. Scans the core's main sources (comments excluded).
 */
class NoConsoleOutputTest {

  private static final Pattern CONSOLE = Pattern.compile("System\\s*\\.\\s*(out|err)\\b|\\.printStackTrace\\(\\s*\\)"
      + "|System\\s*\\.\\s*console\\(");

  @Test
  void coreMainCode_neverPrintsToStdoutOrStderr() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
          String code = lines.get(i);
          if (inComment) {
            int end = code.indexOf("*/");
            if (end < 0) {
              continue;
            }
            code = code.substring(end + 2);
            inComment = false;
          }
          int start = code.indexOf("/*");
          if (start >= 0 && code.indexOf("*/", start) < 0) {
            inComment = true;
            code = code.substring(0, start);
          }
          code = code.replaceAll("/\\*.*?\\*/", "").replaceAll("//.*$", "");
          if (CONSOLE.matcher(code).find()) {
            hits.add(main.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(hits).as("console output in library code").isEmpty();
  }
}
