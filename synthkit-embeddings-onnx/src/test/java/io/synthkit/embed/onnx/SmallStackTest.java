package io.synthkit.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ONNX Runtime's set-up needs more stack than a small Java thread has; a JVM that overflows it in native code dies
 * with SIGSEGV and no crash report. The embedder must do its native work on its own threads, so a caller on a small
 * stack (here a 256 KB main thread in a child JVM) loads, embeds and closes normally.
 */
class SmallStackTest {

  @Test
  @Timeout(120)
  void loadsAndEmbeds_whenTheCallerHasASmallStack() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(java, "-Xss256k", "-cp", System.getProperty("java.class.path"),
        Probe.class.getName())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(100, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("dimension 384");
  }

  /** The child JVM's main: everything on the small main thread. */
  static final class Probe {
    public static void main(String[] args) {
      try (MiniLmEmbedder embedder = MiniLmEmbedder.exact()) {
        System.out.println("dimension " + embedder.embed(List.of("a short sentence")).get(0).length);
      }
    }
  }
}
