package io.synthkit.sandbox.graalpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SandboxProvider;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GraalPySandboxProviderTest {

  @Test
  void serviceLoader_findsGraalpy() {
    assertThat(ServiceLoader.load(SandboxProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(provider -> {
          assertThat(provider.name()).isEqualTo("graalpy");
          assertThat(provider).isInstanceOf(GraalPySandboxProvider.class);
        });
  }

  @Test
  void builder_rejectsBadSettings() {
    assertThatThrownBy(() -> GraalPySandbox.builder().poolSize(0)).hasMessage("poolSize must be positive: 0");
    assertThatThrownBy(() -> GraalPySandbox.builder().killGrace(Duration.ZERO))
        .hasMessageContaining("killGrace must be positive");
    assertThatThrownBy(() -> GraalPySandbox.builder().heapHeadroomBytes(1))
        .hasMessageContaining("at least 64 MiB");
  }
}
