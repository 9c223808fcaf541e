package io.synthkit.retrieval.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {

  /** Sentence {@code i} of a made-up document: 10 words, numbered so positions are recognisable. */
  private static String sentence(int i) {
    return "Sentence " + i + " has exactly ten words in it for counting.";
  }

  private static String text(int sentences) {
    return IntStream.range(0, sentences).mapToObj(PassageSplitterTest::sentence).collect(Collectors.joining(" "));
  }

  private static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }

  @Test
  void split_shortText_isOnePassageEqualToTheStrippedText() {
    String text = "  " + text(3) + "\n";
    assertThat(new PassageSplitter(200, 40).split(text)).containsExactly(text.strip());
  }

  @Test
  void split_blankText_isEmpty() {
    assertThat(new PassageSplitter(200, 40).split(" \n\t ")).isEmpty();
  }

  @Test
  void split_tailWithinSlack_staysInOnePassage() {
    // 120 words against a 100-word budget: within the 25% slack, so no 20-word tail passage.
    assertThat(new PassageSplitter(100, 20).split(text(12))).hasSize(1);
  }

  @Test
  void split_longText_makesBoundedPassagesOfWholeSentences() {
    String text = text(50); // 500 words
    List<String> passages = new PassageSplitter(100, 20).split(text);

    assertThat(passages).hasSizeGreaterThan(4);
    for (String p : passages) {
      assertThat(text).contains(p);
      assertThat(p).startsWith("Sentence ").endsWith("counting.");
      assertThat(words(p)).isLessThanOrEqualTo(125);
    }
    assertThat(passages.getFirst()).startsWith(sentence(0));
    assertThat(passages.getLast()).endsWith(sentence(49));
  }

  @Test
  void split_consecutivePassages_shareTheOverlapSentences() {
    List<String> passages = new PassageSplitter(100, 20).split(text(50));
    for (int i = 1; i < passages.size(); i++) {
      String previous = passages.get(i - 1);
      String current = passages.get(i);
      // 20 words of overlap = the last two 10-word sentences of the previous passage.
      String[] sentences = previous.split("(?<=counting\\.) ");
      String shared = sentences[sentences.length - 2] + " " + sentences[sentences.length - 1];
      assertThat(current).startsWith(shared);
    }
  }

  @Test
  void split_everySentenceLandsInSomePassage() {
    List<String> passages = new PassageSplitter(60, 15).split(text(40));
    for (int i = 0; i < 40; i++) {
      String s = sentence(i);
      assertThat(passages).anySatisfy(p -> assertThat(p).contains(s));
    }
  }

  @Test
  void split_sentenceLongerThanAPassage_isCutIntoWordWindows() {
    String run = IntStream.range(0, 250).mapToObj(i -> "w" + i).collect(Collectors.joining(" ")) + ".";
    List<String> passages = new PassageSplitter(100, 0).split(run);

    assertThat(passages).hasSize(3);
    assertThat(words(passages.get(0))).isEqualTo(100);
    assertThat(passages.get(0)).startsWith("w0 ").endsWith(" w99");
    assertThat(passages.get(1)).startsWith("w100 ").endsWith(" w199");
    assertThat(passages.get(2)).startsWith("w200 ").endsWith("w249.");
  }

  @Test
  void new_overlapNotBelowPassage_isRejected() {
    assertThatThrownBy(() -> new PassageSplitter(50, 50))
        .hasMessageContaining("overlapWords").hasMessageContaining("50");
    assertThatThrownBy(() -> new PassageSplitter(0, 0)).hasMessageContaining("passageWords must be positive: 0");
  }
}
