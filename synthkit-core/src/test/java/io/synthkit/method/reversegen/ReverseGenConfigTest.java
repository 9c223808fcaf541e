package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ReverseGenConfigTest {

  @TempDir
  Path dir;

  @Test
  void params_rejectSettingsThatCannotWork_namingTheKey() {
    assertThatThrownBy(() -> Runs.run(Scripts.config(dir, "safety", 5, Scripts.safetySeeds(dir))
        .set("reversegen.samples_per_prompt", 1).build()))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("samples_per_prompt must be at least 2");
    assertThatThrownBy(() -> Runs.run(Scripts.config(dir, "honesty", 5, Scripts.safetySeeds(dir))
        .set("reversegen.honesty_temperature", 0.0).build()))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("honesty_temperature must be above 0");
    assertThatThrownBy(() -> Runs.run(Scripts.config(dir, "safety", 5, Scripts.safetySeeds(dir))
        .set("reversegen.trainer.type", "command").build()))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("command is required");
    assertThatThrownBy(() -> Runs.run(Scripts.config(dir, "chess", 5, Scripts.safetySeeds(dir)).build()))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("safety, honesty, math");
  }
}
