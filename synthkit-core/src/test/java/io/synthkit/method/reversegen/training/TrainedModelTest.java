package io.synthkit.method.reversegen.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.spi.Llm;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trained model switches the proposer role only when it is a different model or served elsewhere. */
class TrainedModelTest {

  private final List<String> switches = new ArrayList<>();

  /** A role handle on {@code model} that records each switch and returns a handle on the new model. */
  private Llm role(String model) {
    return (Llm) Proxy.newProxyInstance(Llm.class.getClassLoader(), new Class<?>[] {Llm.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "model" -> model;
          case "withModel" -> {
            switches.add(args[0] + " @ " + (args.length > 1 ? args[1] : "-"));
            yield role((String) args[0]);
          }
          case "toString" -> "role " + model;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void theRolesOwnModel_keepsTheRole() {
    Llm base = role("base");
    assertThat(TrainedModel.of(base)).isEqualTo(new TrainedModel("base", null));
    assertThat(new TrainedModel("base", null).on(base)).isSameAs(base);
    assertThat(switches).isEmpty();
  }

  @Test
  void anotherModel_orTheSameModelElsewhere_switchesTheRole() {
    Llm base = role("base");
    assertThat(new TrainedModel("ft:1", null).on(base).model()).isEqualTo("ft:1");
    assertThat(new TrainedModel("base", "http://other/v1").on(base).model()).isEqualTo("base");
    assertThat(switches).containsExactly("ft:1 @ null", "base @ http://other/v1");
  }
}
