package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WikipediaQueryTest {

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(delimiter = '|', value = {
      "Marie Curie                  | Marie Curie",
      "  Marie \t\u00a0 Curie        | Marie Curie",
      "intitle:Curie                | Curie",
      "insource:/[a-z/ radium       | /[a-z/ radium",
      "-Paris ~fuzzy !not           | Paris fuzzy not",
      "Jean-Paul Sartre             | Jean-Paul Sartre",
      "Kraków                       | Kraków",
      "Star Wars: A New Hope        | Star Wars: A New Hope",
      "INCATEGORY:Physicists Curie  | Physicists Curie",
      "'   '                        | ''",
  })
  void plain_neutralisesSearchSyntaxButKeepsWords(String in, String out) {
    assertThat(WikipediaQuery.plain(in)).isEqualTo(out);
  }
}
