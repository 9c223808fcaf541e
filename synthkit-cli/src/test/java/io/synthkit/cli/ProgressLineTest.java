package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.spi.RunListener.RunProgress;
import io.synthkit.spi.Usage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressLineTest {

  static final String LONG_STEP = "expanding · hop 1/2, nodes 1-8 of 40 with personas drawn from a very large pool";

  static RunProgress snapshot(int accepted, String step, int done, int total, boolean finished) {
    return snapshot(accepted, step, done, total, 0, null, null, finished);
  }

  static RunProgress snapshot(int accepted, String step, int done, int total, int inFlight, String activity,
      String waiting, boolean finished) {
    Usage u = new Usage(120, 30, 4, 0, 1, 1, 1_234_567, 345_678, 0.4321, 0);
    return new RunProgress(accepted, 200, 17, accepted, u, step, done, total, inFlight, accepted == 0 ? 0 : 480,
        accepted == 0 ? null : Duration.ofSeconds(285), activity, waiting, Duration.ofSeconds(95), finished);
  }

  static List<RunProgress> variety() {
    return List.of(snapshot(0, LONG_STEP, 3, 36, 12, null, null, false), snapshot(57, "", 0, 0, false),
        snapshot(200, LONG_STEP, 36, 36, false), snapshot(1234, "evaluating · round 0", 0, 0, 0,
            "starting the Python sandbox… 23s", null, false),
        snapshot(50, "generating · round 3, 4 batches", 1, 4, 4, null,
            "waiting until 14:03:12 (HTTP 429: rate limited, Retry-After 60 s)", false));
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 40, 60, 79, 80, 100, 132, 200})
  void fit_neverExceedsTheWidth(int width) {
    for (RunProgress p : variety()) {
      String line = ProgressFit.fit(p, width);
      assertThat(line.length()).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
      assertThat(line).as("the records always show").contains(p.accepted() + "/" + p.target());
    }
  }

  @Test
  void fit_at80Columns_showsBarRecordsCostEtaAndTheStepWithItsCounter() {
    String line = ProgressFit.fit(snapshot(50, "expanding · hop 1/2, nodes 1-8 of 40", 17, 36, false), 79);
    assertThat(line).isEqualTo("[###---------] 50/200 | $0.4321 | ETA 4m45s | expanding · hop 1/2, nod… [17/36]")
        .hasSize(79);
    assertThat(ProgressFit.fit(snapshot(50, "expanding · hop 1/2, nodes 1-8 of 40", 17, 36, false), 120))
        .isEqualTo("[###---------] 50/200 25% | $0.4321 | ETA 4m45s | expanding · hop 1/2, nodes 1-8 of 40 [17/36]");
  }

  @Test
  void fit_givesWayByPriority_theCounterOutlastsTheStepsText() {
    RunProgress p = snapshot(50, LONG_STEP, 17, 36, 12, null, null, false);
    String at80 = ProgressFit.fit(p, 79);
    assertThat(at80).startsWith("[###---------] 50/200 | $0.4321 | ETA 4m45s | expanding · hop").endsWith("… [17/36]")
        .doesNotContain("in flight", "25%");
    String at40 = ProgressFit.fit(p, 39);
    assertThat(at40).contains("50/200", "[17/36]").doesNotContain("expanding").hasSizeLessThanOrEqualTo(39);
    assertThat(ProgressFit.fit(p, 200)).endsWith("[17/36] | 12 in flight").contains("25%");
  }

  @Test
  void aStepWithoutAPlan_showsTheCallsFinishedInIt() {
    assertThat(ProgressFit.fit(snapshot(50, "evaluating · round 2", 12, 0, false), 120))
        .endsWith("| evaluating · round 2 [12 calls]");
    assertThat(ProgressFit.fit(snapshot(50, "evaluating · round 2", 0, 0, false), 120))
        .endsWith("| evaluating · round 2");
  }

  @Test
  void fit_showsSlowWorkAndWaits_beforeTheStep() {
    RunProgress starting = snapshot(0, "evaluating · round 0", 0, 0, 0, "starting the Python sandbox… 23s", null,
        false);
    assertThat(ProgressFit.fit(starting, 79)).as("the notice outranks the step's text")
        .isEqualTo("[------------] 0/200 | $0.4321 | ETA - | starting the Python sandbox… 23s");
    RunProgress startingWithCalls = snapshot(0, "evaluating · round 0", 18, 0, 0, "starting the Python sandbox… 56s",
        null, false);
    assertThat(ProgressFit.fit(startingWithCalls, 79)).as("the counter stands apart once its step's text is gone")
        .isEqualTo("[------------] 0/200 | ETA - | starting the Python sandbox… 56s | [18 calls]");
    assertThat(ProgressFit.fit(starting, 120)).isEqualTo("[------------] 0/200 0% | $0.4321 | ETA - | starting the"
        + " Python sandbox… 23s | evaluating · round 0");
    RunProgress waiting = snapshot(50, LONG_STEP, 1, 4, 0, null, "waiting until 14:03:12 (HTTP 429: rate limited)",
        false);
    assertThat(ProgressFit.fit(waiting, 79)).contains("waiting until 14:03:12").endsWith("[1/4]");
  }

  @Test
  void terminal_redrawsOneLineWithinTheWidth_andNoticesGetTheirOwnLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine l = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, true, () -> 40,
        Duration.ofSeconds(10), System::nanoTime);
    for (RunProgress p : variety()) {
      l.progress(p);
    }
    l.notice("the earlier attempt of this run got no model reply");
    l.progress(snapshot(200, "completed", 0, 0, true));
    String text = bytes.toString(StandardCharsets.UTF_8);
    for (String segment : text.split("\r")) {
      if (!segment.isBlank() && !segment.contains("\n")) {
        assertThat(segment.length()).as(segment).isLessThanOrEqualTo(39);
      }
    }
    assertThat(text).contains("\rsynthkit: the earlier attempt of this run got no model reply\n")
        .endsWith("[synthkit] 200/200 accepted (100%) | 17 rejected | 120 calls, 30 cached, 4 retries | 1.6M tokens"
            + " | $0.4321 | 1m35s | completed\n");
  }

  @Test
  void notATerminal_printsPlainLinesEveryPeriod_andAtStepChanges() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    ProgressLine l = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true, () -> 40,
        Duration.ofSeconds(10), now::get);
    long s = 1_000_000_000L;
    now.set(2 * s);
    l.progress(snapshot(10, "generating · round 0, 4 batches", 0, 4, false)); // a new step: printed
    now.set(3 * s);
    l.progress(snapshot(10, "generating · round 0, 4 batches", 1, 4, false)); // same step, within the period: not
    now.set(4 * s);
    l.progress(snapshot(10, "evaluating · round 0", 0, 0, 0, "starting the Python sandbox… 0s", null, false));
    now.set(9 * s);
    l.progress(snapshot(10, "evaluating · round 0", 0, 0, 0, "starting the Python sandbox… 5s", null, false));
    now.set(14 * s);
    l.progress(snapshot(12, "evaluating · round 0", 0, 0, 0, "starting the Python sandbox… 10s", null, false));
    l.progress(snapshot(200, "completed", 0, 0, true));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    assertThat(lines).hasSize(4).allMatch(x -> x.startsWith("[synthkit] "));
    assertThat(lines.get(0)).contains("10/200", "ETA 4m45s", "generating · round 0, 4 batches [0/4]");
    assertThat(lines.get(1)).contains("evaluating · round 0 | starting the Python sandbox… 0s");
    assertThat(lines.get(2)).as("ten seconds after the last line").contains("12/200", "sandbox… 10s");
    assertThat(lines.get(3)).endsWith("| 1m35s | completed");
  }
}
