package io.synthkit.sandbox.graalpy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {

  @Test
  void processBuilder_clearsEnvironmentAndSetsHeapAndCache() {
    WorkerSettings settings = GraalPySandbox.builder().preload(java.util.List.of("math")).settings();
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));

    ProcessBuilder builder = WorkerCommand.processBuilder(settings, dir, 512L << 20);

    assertThat(builder.environment()).isEmpty();
    assertThat(builder.command())
        .contains("-Xmx512m", "-Dpolyglot.engine.userResourceCache=" + dir.resolve("graalpy-cache"),
            WorkerMain.class.getName(), "math")
        .anyMatch(arg -> arg.startsWith("-Duser.home="));
  }

  @Test
  void heapFor_addsHeadroomToTheMemoryLimit() {
    WorkerSettings settings = GraalPySandbox.builder().heapHeadroomBytes(128L << 20).settings();
    assertThat(settings.heapFor(io.synthkit.spi.CodeSandbox.SandboxLimits.DEFAULT)).isEqualTo(384L << 20);
  }
}
