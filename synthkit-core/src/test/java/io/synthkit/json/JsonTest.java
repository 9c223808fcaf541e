package io.synthkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  record Point(int x, String label) {}

  private static Map<String, Object> sample() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "café");
    m.put("n", 2);
    m.put("list", List.of(1, "x"));
    return m;
  }

  @Test
  void write_isCompactOneLineJson() {
    assertThat(Json.write(sample())).isEqualTo("{\"name\":\"café\",\"n\":2,\"list\":[1,\"x\"]}");
    assertThat(Json.write(new Point(3, "p"))).isEqualTo("{\"x\":3,\"label\":\"p\"}");
  }

  @Test
  void bytes_areTheUtf8OfTheCompactText() {
    assertThat(Json.bytes(sample()))
        .isEqualTo("{\"name\":\"café\",\"n\":2,\"list\":[1,\"x\"]}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pretty_isIndentedAndParsesBackToTheSameTree() {
    String pretty = Json.pretty(sample());
    assertThat(pretty).contains("\n").contains("  \"n\" : 2");
    assertThat(Json.parse(pretty)).isEqualTo(Json.parse(Json.write(sample())));
  }

  @Test
  void parse_readsStrictJson() {
    JsonNode n = Json.parse("{\"a\": [1, 2], \"b\": null}");
    assertThat(n.path("a").get(1).asInt()).isEqualTo(2);
    assertThat(n.get("b").isNull()).isTrue();
  }

  @Test
  void parse_rejectsModelHabitsThatLenientAccepts() throws Exception {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not valid JSON: ");
    assertThatThrownBy(() -> Json.parse("{'a': 1}")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Json.LENIENT.readTree("{'a': 1, /* c */ b: 2,}").path("b").asInt()).isEqualTo(2);
  }

  @Test
  void convertAndTree_roundTripARecord() {
    JsonNode tree = Json.tree(new Point(7, "q"));
    assertThat(tree.path("x").asInt()).isEqualTo(7);
    assertThat(tree.path("label").asText()).isEqualTo("q");
    assertThat(Json.convert(tree, Point.class)).isEqualTo(new Point(7, "q"));
    // Unknown properties are ignored rather than failing the conversion.
    assertThat(Json.convert(Json.parse("{\"x\": 1, \"label\": \"l\", \"extra\": true}"), Point.class))
        .isEqualTo(new Point(1, "l"));
  }

  @Test
  void objectAndArray_areNewEmptyNodes() {
    assertThat(Json.object().isObject()).isTrue();
    assertThat(Json.object().size()).isZero();
    assertThat(Json.array().isArray()).isTrue();
    assertThat(Json.array().size()).isZero();
    assertThat(Json.object()).isNotSameAs(Json.object());
  }
}
