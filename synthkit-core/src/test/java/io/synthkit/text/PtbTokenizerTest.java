package io.synthkit.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.testdata.MetricsCorpus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

// Expected tokens come from nltk 3.8 word_tokenize(text, preserve_line=True) (metrics.md §0 and a reference run).
class PtbTokenizerTest {

  private final Tokenizer ptb = Tokenizers.ptb();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void tokenize_corpusSentence_matchesNltkColumn(int id) {
    assertThat(ptb.tokenize(MetricsCorpus.TEXTS.get(id))).isEqualTo(MetricsCorpus.NLTK_TOKENS.get(id));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      don't.                                   | do n't .
      I don't know, I'm sure they'll "say" it's (fine). | I do n't know , I 'm sure they 'll `` say '' it 's ( fine ) .
      She said, "Hello there!" and left...      | She said , `` Hello there ! '' and left ...
      Can't won't shouldn't; isn't it?         | Ca n't wo n't should n't ; is n't it ?
      'Tis the season -- or was it 'twas?      | 'T is the season -- or was it 't was ?
      We're gonna gimme cannot wanna lemme gotta more'n d'ye. | We 're gon na gim me can not wan na lem me got ta more 'n d 'ye .
      Email me @ foo#bar & 50% off; ok: yes, 1,000 items: 3:45pm. | Email me @ foo # bar & 50 % off ; ok : yes , 1,000 items : 3:45pm .
      Wait... what?! Really?? Yes!!!           | Wait ... what ? ! Really ? ? Yes ! ! !
      The price is 12.50. The end.             | The price is 12.50. The end .
      O'Neill's rock 'n' roll isn't y'all's thing. | O'Neill 's rock 'n ' roll is n't y'all 's thing .
      Use [brackets] {braces} <angle> and (parens). | Use [ brackets ] { braces } < angle > and ( parens ) .
      "Quoted start" and 'single quoted' words. | `` Quoted start '' and 'single quoted ' words .
      I'D I'M THEY'LL CAN'T WE'VE YOU'RE      | I 'D I 'M THEY 'LL CA N'T WE 'VE YOU 'RE
      end with colon:                          | end with colon :
      a,b ,c, d                                | a , b , c , d
      ''hello''                                | '' hello ''
      """)
  void tokenize_contractionsAndPunctuation_matchNltk(String text, String expected) {
    assertThat(ptb.tokenize(text.strip())).isEqualTo(List.of(expected.strip().split(" ")));
  }

  @org.junit.jupiter.api.Test
  void tokenize_unicodeQuotesAndDashes_splitLikeNltk() {
    assertThat(ptb.tokenize("The ``fancy'' quotes and “curly” ‘ones’ «guillemets» here."))
        .containsExactly("The", "``", "fancy", "''", "quotes", "and", "“", "curly", "”", "‘", "ones", "’", "«",
            "guillemets", "»", "here", ".");
    assertThat(ptb.tokenize("He's got $3.88 (roughly 3,36 euros) in New York.  Please buy me two of them. Thanks."))
        .containsExactly("He", "'s", "got", "$", "3.88", "(", "roughly", "3,36", "euros", ")", "in", "New", "York.",
            "Please", "buy", "me", "two", "of", "them.", "Thanks", ".");
  }

  @org.junit.jupiter.api.Test
  void tokenize_blank_isEmpty() {
    assertThat(ptb.tokenize("")).isEmpty();
    assertThat(ptb.tokenize(" \t\n")).isEmpty();
  }
}
