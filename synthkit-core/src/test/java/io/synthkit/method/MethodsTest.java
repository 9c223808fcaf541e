package io.synthkit.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.Method;
import io.synthkit.spi.SynthkitException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The method registry: the five built-in methods by name, and a precise error for an unknown one. */
class MethodsTest {

  /** In the order of the core's service file, which the registry keeps. */
  private static final List<String> BUILT_IN = List.of("self-instruct", "data-advisor", "self-reference",
      "reversegen", "aide", "datagen");

  @Test
  void all_and_names_listTheBuiltInMethods_eachFoundByItsName() {
    List<String> names = Methods.all().stream().map(Method::name).toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(Methods.names()).containsExactlyElementsOf(names);
    for (String name : names) {
      assertThat(Methods.find(name).name()).isEqualTo(name);
    }
    assertThat(names.subList(0, BUILT_IN.size())).containsExactlyElementsOf(BUILT_IN);
  }

  @Test
  void all_returnsACopyTheCallerMayChange() {
    List<Method<?>> copy = Methods.all();
    int size = copy.size();
    copy.clear();
    assertThat(Methods.all()).hasSize(size);
  }

  @Test
  void find_unknownName_listsTheAvailableMethodsInOrder() {
    assertThatThrownBy(() -> Methods.find("evol-instruct")).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("unknown method 'evol-instruct'; available: ")
        .hasMessageContaining("aide, data-advisor, datagen, reversegen, self-instruct, self-reference");
  }
}
