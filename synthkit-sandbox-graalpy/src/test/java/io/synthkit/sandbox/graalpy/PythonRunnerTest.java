package io.synthkit.sandbox.graalpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.CodeSandbox.ExecutionResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PythonRunnerTest {

  @Test
  void run_acrossEngineReplacements_keepsWorkingWithPreload() {
    try (PythonRunner runner = new PythonRunner("test heap", List.of("fractions"), 2)) {
      for (int i = 0; i < 3; i++) {
        // Preloaded modules are imported into __main__, so the snippet may use them without an import.
        ExecutionResult result = runner.run("import sys\nanswer = f\"{'fractions' in sys.modules} "
            + "{fractions.Fraction(1, " + (i + 2) + ")}\"", "answer", Duration.ofSeconds(30), 1024);
        assertThat(result).isEqualTo(new ExecutionResult.Ok("", "True 1/" + (i + 2)));
        runner.prepare();
      }
    }
  }

  @Test
  void constructor_rejectsBadModuleName() {
    assertThatThrownBy(() -> new PythonRunner("x", List.of("os; import socket"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a module name");
  }

}
