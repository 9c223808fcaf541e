package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.Schema;
import org.junit.jupiter.api.Test;

/** The schema check behind repairs: each problem on one line, naming where it is. */
class SchemaValidatorTest {

  private static final Schema SCHEMA = Schema.json("s", (ObjectNode) Json.parse("{\"type\": \"object\","
      + " \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"integer\"}}, \"required\": [\"a\"]}"));

  @Test
  void aValidValue_hasNoProblems() {
    assertThat(SchemaValidator.validate(SCHEMA, Json.parse("{\"a\": \"x\", \"b\": 1}"))).isEmpty();
  }

  @Test
  void problems_nameTheirPlace() {
    assertThat(SchemaValidator.validate(SCHEMA, Json.parse("{\"a\": 1, \"b\": \"y\"}")))
        .containsExactly("/a: integer found, string expected", "/b: string found, integer expected");
    assertThat(SchemaValidator.validate(SCHEMA, Json.parse("{}"))).as("at the root: no place")
        .containsExactly("required property 'a' not found");
    assertThat(SchemaValidator.validate(SCHEMA, Json.parse("3"))).containsExactly("integer found, object expected");
  }
}
