package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.spi.RunListener.RunProgress;
import io.synthkit.spi.Usage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  static RunProgress snapshot(int accepted, String step, int done, int total, boolean finished) {
    Usage u = new Usage(120, 30, 4, 0, 1, 1, 1_234_567, 345_678, 0.4321, 0);
    return new RunProgress(accepted, 200, 17, accepted, u, step, done, total, Duration.ofSeconds(95), finished);
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 40, 60, 80, 100, 132, 200})
  void fit_neverExceedsTheTerminalWidth(int width) {
    String longStep = "hop 1/2: expanding nodes 1-8 of 40 with personas drawn from a very large persona pool";
    for (RunProgress p : new RunProgress[] {snapshot(0, longStep, 3, 8, false), snapshot(57, "", 0, 0, false),
        snapshot(200, longStep, 8, 8, false)}) {
      assertThat(ProgressLine.fit(p, width).length()).as("width %d", width).isLessThanOrEqualTo(width);
    }
  }

  @Test
  void fit_showsBarCountsCostEtaAndTheStepWithItsPieces_at80Columns() {
    String line = ProgressLine.fit(snapshot(50, "hop 1/2: expanding nodes 1-8 of 40", 3, 8, false), 79);
    assertThat(line).startsWith("[###---------] 50/200 25%").contains("$0.4321").contains("ETA 4m45s")
        .endsWith("… [3/8]").hasSize(79);
    assertThat(ProgressLine.fit(snapshot(50, "hop 1/2: expanding nodes 1-8 of 40", 3, 8, false), 120))
        .endsWith(" | hop 1/2: expanding nodes 1-8 of 40 [3/8]");
  }

  @Test
  void fit_shortensTheStepFirst() {
    String line = ProgressLine.fit(snapshot(50, "round 12: generating 12 prompts from the pool", 0, 12, false), 60);
    assertThat(line).isEqualTo("[###---------] 50/200 25% | $0.4321 | ETA 4m45s | [0/12]");
    assertThat(ProgressLine.fit(snapshot(50, "round 12: generating 12 prompts from the pool", 0, 12, false), 70))
        .isEqualTo("[###---------] 50/200 25% | $0.4321 | ETA 4m45s | round 12: ge… [0/12]").hasSize(70);
  }

  @Test
  void terminal_redrawsOneLine_andNoticesGetTheirOwnLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine l = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, true, () -> 50);
    l.progress(snapshot(10, "round 1", 1, 4, false));
    l.progress(snapshot(20, "round 2", 2, 4, false));
    l.notice("starting the code sandbox (a few seconds)");
    l.progress(snapshot(200, "completed", 0, 0, true));
    String text = bytes.toString(StandardCharsets.UTF_8);
    for (String segment : text.split("[\r\n]")) {
      if (segment.startsWith("[#") || segment.startsWith("[-")) {
        assertThat(segment.length()).as(segment).isLessThanOrEqualTo(49);
      }
    }
    assertThat(text).contains("\rsynthkit: starting the code sandbox (a few seconds)\n")
        .endsWith("200/200 accepted (100%) | 17 rejected | 120 calls, 30 cached, 4 retries | 1.6M tokens"
            + " | $0.4321 | 1m35s | completed\n");
  }

  @Test
  void notATerminal_printsPlainLinesOnly() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine l = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true, () -> 50);
    l.progress(snapshot(10, "round 1", 1, 4, false)); // within the ten-second period: not printed
    l.progress(snapshot(200, "completed", 0, 0, true));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r")
        .isEqualTo("[synthkit] 200/200 accepted (100%) | 17 rejected | 120 calls, 30 cached, 4 retries | 1.6M tokens"
            + " | $0.4321 | 1m35s | completed\n");
  }
}
