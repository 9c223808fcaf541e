package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.SynthkitException;
import org.junit.jupiter.api.Test;

class RetrievalConfigTest {

  @Test
  void defaults_applyWhenAbsent() {
    RetrievalConfig c = RetrievalConfig.of("wikipedia");
    assertThat(c.passagesPerQueryOrDefault()).isEqualTo(3);
    assertThat(c.maxPassageCharsOrDefault()).isEqualTo(1500);
    assertThat(c.requestsPerSecondOrDefault()).isEqualTo(1.0);
  }

  @Test
  void json_snakeCaseKeys_bind() throws Exception {
    RetrievalConfig c = new ObjectMapper().readValue("""
        {"provider":"wikipedia","base_url":"http://localhost/w/api.php","requests_per_second":0.5,
         "passages_per_query":2,"max_passage_chars":800,"user_agent":"me/1 (me@example.org)"}""",
        RetrievalConfig.class);
    assertThat(c.baseUrl()).isEqualTo("http://localhost/w/api.php");
    assertThat(c.requestsPerSecondOrDefault()).isEqualTo(0.5);
    assertThat(c.passagesPerQueryOrDefault()).isEqualTo(2);
    assertThat(c.maxPassageCharsOrDefault()).isEqualTo(800);
    assertThat(c.userAgent()).isEqualTo("me/1 (me@example.org)");
  }

  @Test
  void invalidValues_nameTheKeyAndValue() {
    assertThatThrownBy(() -> new RetrievalConfig("x", null, null, null, 0.0, null, null).requestsPerSecondOrDefault())
        .isInstanceOf(SynthkitException.class)
        .hasMessage("retrieval.requests_per_second must be a positive number: 0.0");
    assertThatThrownBy(() -> new RetrievalConfig("x", null, null, null, null, 0, null).passagesPerQueryOrDefault())
        .hasMessage("retrieval.passages_per_query must be positive: 0");
    assertThatThrownBy(() -> new RetrievalConfig("x", null, null, null, null, null, 10).maxPassageCharsOrDefault())
        .hasMessage("retrieval.max_passage_chars must be at least 50: 10");
    assertThatThrownBy(() -> new RetrievalConfig("x", null, null, null, Double.NaN, null, null)
        .requestsPerSecondOrDefault()).hasMessageContaining("NaN");
  }
}
