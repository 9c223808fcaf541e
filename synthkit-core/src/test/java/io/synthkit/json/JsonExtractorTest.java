package io.synthkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonExtractorTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\": 1, \"b\": \"x\"}",
      "```json\n{\"a\": 1, \"b\": \"x\"}\n```",
      "```\n{\"a\": 1, \"b\": \"x\"}\n```",
      "Sure! Here is the JSON:\n\n{\"a\": 1, \"b\": \"x\"}\n\nHope this helps.",
      "{\"a\": 1, \"b\": \"x\",}",
      "{'a': 1, 'b': 'x'}",
      "Here it is ```json\n{\"a\": 1,\n \"b\": \"x\",\n}\n``` done",
      "\uFEFF{\"a\": 1, \"b\": \"x\"}",
      "// comment\n{\"a\": 1, /* inline */ \"b\": \"x\"}"})
  void extract_toleratesModelHabits(String reply) {
    JsonNode n = JsonExtractor.extract(reply);
    assertThat(n.path("a").asInt()).isEqualTo(1);
    assertThat(n.path("b").asText()).isEqualTo("x");
  }

  @Test
  void extract_bracesInsideStringsDoNotEndTheObject() {
    JsonNode n = JsonExtractor.extract("prefix {\"code\": \"if (x) { return '}'; }\", \"n\": 2} suffix {");
    assertThat(n.path("n").asInt()).isEqualTo(2);
    assertThat(n.path("code").asText()).contains("return '}'");
  }

  @Test
  void extract_apostropheInProseBeforeJsonIsNotAString() {
    JsonNode n = JsonExtractor.extract("Here's what I've got: {\"ok\": true}");
    assertThat(n.path("ok").asBoolean()).isTrue();
  }

  @Test
  void extract_reportsTruncation() {
    assertThatThrownBy(() -> JsonExtractor.extract("{\"items\": [{\"q\": \"wh"))
        .isInstanceOf(MalformedJsonException.class)
        .satisfies(e -> assertThat(((MalformedJsonException) e).reason())
            .isEqualTo(MalformedJsonException.Reason.TRUNCATED));
    assertThatThrownBy(() -> JsonExtractor.extract("```json\n{\"a\": [1, 2"))
        .isInstanceOf(MalformedJsonException.class).hasMessageContaining("cut off");
  }

  @Test
  void extract_reportsMissingAndEmpty() {
    assertThatThrownBy(() -> JsonExtractor.extract("I cannot help with that."))
        .isInstanceOf(MalformedJsonException.class)
        .satisfies(e -> assertThat(((MalformedJsonException) e).reason())
            .isEqualTo(MalformedJsonException.Reason.NOT_FOUND));
    assertThatThrownBy(() -> JsonExtractor.extract("  ")).isInstanceOf(MalformedJsonException.class)
        .satisfies(e -> assertThat(((MalformedJsonException) e).reason())
            .isEqualTo(MalformedJsonException.Reason.EMPTY));
  }

  @Test
  void extract_reportsSyntaxErrors() {
    assertThatThrownBy(() -> JsonExtractor.extract("{\"a\": 1 \"b\": 2}"))
        .isInstanceOf(MalformedJsonException.class)
        .satisfies(e -> assertThat(((MalformedJsonException) e).reason())
            .isEqualTo(MalformedJsonException.Reason.SYNTAX));
  }

  @Test
  void extract_prefersAParseableFenceOverProse() {
    JsonNode n = JsonExtractor.extract("Use {braces} like this:\n```json\n{\"v\": 3}\n```");
    assertThat(n.path("v").asInt()).isEqualTo(3);
  }

  @Test
  void extractAll_findsObjectsSeparatedByBlankLines() {
    List<JsonNode> all = JsonExtractor.extractAll("{\"q\": \"one\"}\n\n{\"q\": \"two\"}\n\nsee [citation] and {\"q\": \"three\"}");
    assertThat(all).extracting(n -> n.path("q").asText()).containsExactly("one", "two", "three");
  }
  @Test
  void extract_escapedQuoteInsideStringDoesNotEndIt() {
    JsonNode n = JsonExtractor.extract("{\"say\": \"a \\\"}\\\" b\", \"n\": 1}");
    assertThat(n.path("say").asText()).isEqualTo("a \"}\" b");
    assertThat(n.path("n").asInt()).isEqualTo(1);
  }

  @Test
  void extract_singleQuotedStringsMayHoldBrackets() {
    // A single quote right after '{', '[', ',' or ':' (whitespace allowed between) opens a string.
    assertThat(JsonExtractor.extract("{'}': 1}").path("}").asInt()).isEqualTo(1);
    assertThat(JsonExtractor.extract("[ '}', ']' ]")).extracting(JsonNode::asText).containsExactly("}", "]");
    assertThat(JsonExtractor.extract("{'code': 'x } y'}").path("code").asText()).isEqualTo("x } y");
  }

  @Test
  void extract_truncatedWithoutFenceOrNewline_isTruncatedNotMissing() {
    assertThatThrownBy(() -> JsonExtractor.extract("[1, 2"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage("the JSON is cut off before its closing ']'")
        .satisfies(e -> assertThat(((MalformedJsonException) e).reason())
            .isEqualTo(MalformedJsonException.Reason.TRUNCATED));
  }

  @Test
  void extract_unclosedFenceAfterBracketedProse_usesTheFenceContent() {
    // The closing fence was cut off, but the object inside is complete; the prose's [brackets] are not JSON.
    JsonNode n = JsonExtractor.extract("Use [brackets] like this:\n```json\n{\"v\": 3}\n");
    assertThat(n.path("v").asInt()).isEqualTo(3);
  }

  @Test
  void extract_byteOrderMarkAndWhitespaceOnly_isEmpty() {
    assertThatThrownBy(() -> JsonExtractor.extract("\uFEFF \n")).isInstanceOf(MalformedJsonException.class)
        .satisfies(e -> assertThat(((MalformedJsonException) e).reason())
            .isEqualTo(MalformedJsonException.Reason.EMPTY));
    assertThatThrownBy(() -> JsonExtractor.extract(null)).isInstanceOf(MalformedJsonException.class)
        .hasMessage("the reply is empty");
  }

  @Test
  void extractAll_emptyValuesAndTruncatedTail() {
    assertThat(JsonExtractor.extractAll("{}")).extracting(JsonNode::size).containsExactly(0);
    assertThat(JsonExtractor.extractAll("[] {\"a\": 1} {\"b\": ")).hasSize(2)
        .extracting(JsonNode::toString).containsExactly("[]", "{\"a\":1}");
    assertThat(JsonExtractor.extractAll("no json here")).isEmpty();
    assertThat(JsonExtractor.extractAll(null)).isEmpty();
  }

  @Test
  void extractAll_apostropheInBracketedProseIsNotAString() {
    assertThat(JsonExtractor.extractAll("see [it's here] and {\"a\": 1}"))
        .extracting(JsonNode::toString).containsExactly("{\"a\":1}");
  }

  @Test
  void extractAll_unparseableOuterBracket_findsTheObjectInside() {
    assertThat(JsonExtractor.extractAll("[x {\"a\": 1}]")).extracting(JsonNode::toString).containsExactly("{\"a\":1}");
  }
}
