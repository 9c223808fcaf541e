package io.synthkit.evaluation;

import static io.synthkit.evaluation.Records.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  private static DataRecord chat() {
    return new DataRecord("c1", (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
        "{\"messages\":[{\"role\":\"system\",\"content\":\"be nice\"},{\"role\":\"user\",\"content\":\"hi there\"}],"
            + "\"n\":3}"), meta("category", "greeting"));
  }

  @Test
  void read_dataMetaIdAndArrayIndex_resolveFromTheRightRoot() {
    DataRecord r = chat();
    assertThat(FieldPath.parse("messages.1.content").text(r)).isEqualTo("hi there");
    assertThat(FieldPath.parse("data.messages.0.role").text(r)).isEqualTo("system");
    assertThat(FieldPath.parse("meta.category").text(r)).isEqualTo("greeting");
    assertThat(FieldPath.parse("id").text(r)).isEqualTo("c1");
    assertThat(FieldPath.parse("n").text(r)).isEqualTo("3");
    assertThat(FieldPath.parse("messages").text(r)).isNull();
    assertThat(FieldPath.parse("nope.deeper").text(r)).isNull();
  }

  @Test
  void parse_emptySegment_isAnInputError() {
    assertThatThrownBy(() -> FieldPath.parse("data..x")).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("data..x");
    assertThatThrownBy(() -> FieldPath.parse(" ")).isInstanceOf(SynthkitException.class);
  }

  @Test
  void detect_prefersKnownTextFieldsOverLongerOnes() {
    List<DataRecord> rs = List.of(Records.record("a", "short question"), Records.record("b", "another one"));
    assertThat(FieldPath.detect(rs)).hasToString("instruction");
  }

  @Test
  void detect_chatMessages_usesTheFirstUserTurn() {
    assertThat(FieldPath.detect(List.of(chat()))).hasToString("messages.1.content");
  }

  @Test
  void detect_unknownNames_fallsBackToTheLongestStringField() {
    DataRecord r = new DataRecord("x", Json.object().put("a", "tiny").put("b", "a much longer string value")
        .put("c", 7), null);
    assertThat(FieldPath.detect(List.of(r))).hasToString("b");
  }

  @Test
  void detect_noStringField_namesTheFields() {
    DataRecord r = new DataRecord("x", Json.object().put("a", 1).put("b", true), null);
    assertThatThrownBy(() -> FieldPath.detect(List.of(r))).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("[a, b]").hasMessageContaining("--field");
  }
}
