package io.synthkit.sandbox.graalpy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  @Test
  void write_pastBudget_keepsPrefixAndSignalsOnce() throws IOException {
    OutputCapture capture = new OutputCapture();
    AtomicInteger overflows = new AtomicInteger();
    capture.arm(10, overflows::incrementAndGet);

    capture.stdout().write("hello ".getBytes(StandardCharsets.UTF_8));
    capture.stderr().write("err".getBytes(StandardCharsets.UTF_8));
    capture.stdout().write("world".getBytes(StandardCharsets.UTF_8));
    capture.stdout().write("more".getBytes(StandardCharsets.UTF_8));

    assertThat(capture.stdoutText()).isEqualTo("hello w");
    assertThat(capture.overflowed()).isTrue();
    assertThat(overflows).hasValue(1);
  }

  @Test
  void arm_resetsWhatWasCaptured() throws IOException {
    OutputCapture capture = new OutputCapture();
    capture.stdout().write('x');
    capture.arm(5, () -> {});
    capture.stdout().write('y');
    assertThat(capture.stdoutText()).isEqualTo("y");
    assertThat(capture.overflowed()).isFalse();
  }
}
