package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WikipediaExtractsTest {

  @Test
  void params_askForLeadSectionsWithoutSendingFalseFlags() {
    Map<String, String> params = WikipediaExtracts.params(List.of("A", "B"));
    assertThat(params).containsEntry("exintro", "1").containsEntry("titles", "A|B").containsEntry("redirects", "1");
    // A MediaWiki boolean is true whenever present: "0" would still switch it on.
    assertThat(params.values()).doesNotContain("0", "false");
  }

  @Test
  void parse_formatVersion1_objectsAndEmptyStringFlags() throws Exception {
    var json = new ObjectMapper().readTree(FixtureWiki.resource("extracts-formatversion1.json"));
    Map<String, WikipediaPage> pages = WikipediaExtracts.parse(json, List.of("NYC", "Nowhere Town", "Springfield",
        "Not Mentioned"));

    assertThat(pages.get("NYC")).isEqualTo(new WikipediaPage(645042, "New York City",
        "New York City is the most populous city of the United States, at the mouth of the Hudson River."));
    assertThat(pages.get("Nowhere Town").usable()).isFalse();
    assertThat(pages.get("Springfield").usable()).isFalse();
    // Nothing said about it: left out, so it is not cached as absent.
    assertThat(pages).doesNotContainKey("Not Mentioned");
  }
}
