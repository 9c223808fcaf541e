package io.synthkit.method.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DataGen parameters: defaults, and each range check at both sides of its bound. */
class DataGenParamsTest {

  /** A builder over the record's 15 components, all unset until given. */
  private static class P {
    Integer batchSize;
    Integer examples;
    String selection;
    List<String> fields;
    List<String> attributes;
    Boolean extract;
    Integer attributeCount;
    Double temperature;
    Double topP;
    Integer maxTokens;
    Integer parallel;
    List<JsonNode> stages;
    Integer idle;

    DataGenParams build() {
      return new DataGenParams(batchSize, examples, selection, fields, null, null, attributes, extract,
          attributeCount, temperature, topP, maxTokens, parallel, stages, idle);
    }
  }

  @Test
  void defaults_followThePaper() {
    DataGenParams p = new P().build();
    assertThat(p.batchSize()).isEqualTo(5);
    assertThat(p.examples()).isEqualTo(5);
    assertThat(p.selection()).isEqualTo("kmeans");
    assertThat(p.attributes()).isEmpty();
    assertThat(p.extractAttributes()).isFalse();
    assertThat(p.attributeCount()).isEqualTo(8);
    assertThat(p.temperature()).isEqualTo(0.8);
    assertThat(p.topP()).isNull();
    assertThat(p.maxTokens()).isEqualTo(2000);
    assertThat(p.parallelBatches()).isEqualTo(4);
    assertThat(p.stages()).containsExactly(Json.tree("reflection"));
    assertThat(p.maxIdleRounds()).isEqualTo(10);
  }

  @Test
  void maxTokens_defaultsTo400PerItem() {
    P p = new P();
    p.batchSize = 3;
    assertThat(p.build().maxTokens()).isEqualTo(1200);
    p.maxTokens = 99;
    assertThat(p.build().maxTokens()).isEqualTo(99);
  }

  @Test
  void eachBound_acceptsItsEdgeAndRejectsOnePast() {
    edges(v -> new P() {{ batchSize = v; }}.build(), 1, 50, "batch_size must be in [1, 50]: ");
    edges(v -> new P() {{ attributeCount = v; }}.build(), 1, 100, "attribute_count must be in [1, 100]: ");
    edges(v -> new P() {{ parallel = v; }}.build(), 1, 64, "parallel_batches must be in [1, 64]: ");

    assertThat(new P() {{ examples = 0; }}.build().examples()).isZero();
    rejected(new P() {{ examples = -1; }}, "examples must not be negative: -1");
    assertThat(new P() {{ idle = 1; }}.build().maxIdleRounds()).isEqualTo(1);
    rejected(new P() {{ idle = 0; }}, "max_idle_rounds must be at least 1: 0");

    assertThat(new P() {{ temperature = 0.0; }}.build().temperature()).isZero();
    assertThat(new P() {{ temperature = 2.0; }}.build().temperature()).isEqualTo(2.0);
    rejected(new P() {{ temperature = -0.01; }}, "temperature must be in [0, 2]: -0.01");
    rejected(new P() {{ temperature = 2.01; }}, "temperature must be in [0, 2]: 2.01");

    assertThat(new P() {{ topP = 1.0; }}.build().topP()).isEqualTo(1.0);
    rejected(new P() {{ topP = 0.0; }}, "top_p must be in (0, 1]: 0.0");
    rejected(new P() {{ topP = 1.01; }}, "top_p must be in (0, 1]: 1.01");
  }

  @Test
  void selection_fieldsAttributesAndStages_areChecked() {
    for (String s : List.of("kmeans", "random", "dispersion")) {
      assertThat(new P() {{ selection = s; }}.build().selection()).isEqualTo(s);
    }
    rejected(new P() {{ selection = "nearest"; }}, "selection must be kmeans, random or dispersion: nearest");
    rejected(new P() {{ fields = List.of(); }}, "fields must be a non-empty list of distinct names: []");
    rejected(new P() {{ fields = List.of("a", "a"); }}, "fields must be a non-empty list of distinct names: [a, a]");
    assertThat(new P() {{ fields = List.of("a", "b"); }}.build().fields()).containsExactly("a", "b");

    assertThat(new P() {{ extract = true; }}.build().extractAttributes()).isTrue();
    assertThat(new P() {{ attributes = List.of("x"); }}.build().attributes()).containsExactly("x");
    rejected(new P() {{ extract = true; attributes = List.of("x"); }},
        "give attributes or set extract_attributes, not both");

    assertThat(new P() {{ stages = List.of(Json.parse("{\"reflection\": {}}")); }}.build().stages()).hasSize(1);
    assertThatThrownBy(new P() {{ stages = List.of(Json.tree("polish")); }}::build)
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stages: unknown or malformed stage")
        .hasMessageContaining("available: ");
    assertThatThrownBy(new P() {{ stages = List.of(Json.parse("{\"reflection\": {}, \"x\": 1}")); }}::build)
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stages: unknown or malformed stage");
  }

  private static void edges(java.util.function.IntFunction<DataGenParams> build, int low, int high, String message) {
    build.apply(low);
    build.apply(high);
    assertThatThrownBy(() -> build.apply(low - 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message + (low - 1));
    assertThatThrownBy(() -> build.apply(high + 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message + (high + 1));
  }

  private static void rejected(P p, String message) {
    assertThatThrownBy(p::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
