package io.synthkit.retrieval.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed corpus line stops the build with a message naming the file, the line and the problem. */
class CorpusErrorsTest {

  private static final String GOOD = "{\"id\":\"a\",\"title\":\"A\",\"text\":\"alpha\"}";

  @TempDir Path tmp;

  private SynthkitException failure(Path corpus) {
    Path out = tmp.resolve("index");
    SynthkitException e = (SynthkitException) catchThrowable(
        () -> CorpusIndexer.builder().build().index(corpus, out, CorpusIndexer.Progress.NONE));
    assertThat(e).isNotNull();
    assertThat(e.exitCode()).isEqualTo(SynthkitException.EXIT_USAGE);
    assertThat(out).doesNotExist();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"id\":\"b\",\"title\":\"B\"}                 | missing field \"text\"",
      "{\"title\":\"B\",\"text\":\"t\"}               | missing field \"id\"",
      "{\"id\":\"b\",\"text\":\"t\"}                  | missing field \"title\"",
      "{\"id\":7,\"title\":\"B\",\"text\":\"t\"}      | \"id\" must be a string, found number",
      "{\"id\":\"b\",\"title\":null,\"text\":\"t\"}   | \"title\" must be a string, found null",
      "{\"id\":\"b\",\"title\":\"B\",\"text\":[\"t\"]}| \"text\" must be a string, found array",
      "{\"id\":\" \",\"title\":\"B\",\"text\":\"t\"}  | \"id\" is empty",
      "`\"just a string\"`                            | expected a JSON object",
      "{\"id\":\"b\",\"title\":\"B\",\"text\":\"t\"} x| not valid JSON",
      "{\"id\":\"b\",\"id\":\"c\",\"title\":\"B\",\"text\":\"t\"}| not valid JSON (Duplicate field 'id'",
  })
  void index_badSecondLine_namesFileLineAndProblem(String line, String problem) {
    Path corpus = TestCorpus.write(tmp, GOOD, line.strip());

    assertThat(failure(corpus).getMessage()).startsWith(corpus + " line 2: " + problem.strip());
  }

  @Test
  void index_truncatedJson_reportsTheColumn() {
    Path corpus = TestCorpus.write(tmp, GOOD, "{\"id\":\"b\",\"title\":");
    assertThat(failure(corpus).getMessage()).startsWith(corpus + " line 2: not valid JSON (").contains("at column");
  }

  @Test
  void index_duplicateId_namesBothLines() {
    Path corpus = TestCorpus.write(tmp, GOOD, "{\"id\":\"b\",\"title\":\"B\",\"text\":\"beta\"}", "",
        "{\"id\":\"a\",\"title\":\"Again\",\"text\":\"gamma\"}");
    assertThat(failure(corpus).getMessage()).isEqualTo(corpus + " line 4: duplicate id \"a\" (first used on line 1)");
  }

  @Test
  void index_duplicateIdWithSeveralThreads_isStillFound() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) lines.add("{\"id\":\"d" + i + "\",\"title\":\"T\",\"text\":\"word " + i + "\"}");
    lines.add("{\"id\":\"d1234\",\"title\":\"T\",\"text\":\"again\"}");
    Path corpus = TestCorpus.write(tmp, lines.toArray(String[]::new));

    Path out = tmp.resolve("index");
    assertThatThrownBy(() -> CorpusIndexer.builder().threads(3).build().index(corpus, out, CorpusIndexer.Progress.NONE))
        .hasMessage(corpus + " line 3001: duplicate id \"d1234\" (first used on line 1235)");
    assertThat(out).doesNotExist();
  }

  @Test
  void index_badLineWhileOtherThreadsWrite_stopsAndCleansUp() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) lines.add("{\"id\":\"d" + i + "\",\"title\":\"T\",\"text\":\"word " + i + "\"}");
    lines.add("{\"id\":\"bad\",\"title\":\"T\"}");
    for (int i = 0; i < 100; i++) lines.add("{\"id\":\"e" + i + "\",\"title\":\"T\",\"text\":\"x\"}");
    Path corpus = TestCorpus.write(tmp, lines.toArray(String[]::new));

    Path out = tmp.resolve("index");
    assertThatThrownBy(() -> CorpusIndexer.builder().threads(3).build().index(corpus, out, CorpusIndexer.Progress.NONE))
        .hasMessage(corpus + " line 5001: missing field \"text\"");
    assertThat(out).doesNotExist();
  }

  @Test
  void index_severalDuplicates_reportsTheEarliestAndCountsTheRest() {
    Path corpus = TestCorpus.write(tmp,
        "{\"id\":\"z\",\"title\":\"Z\",\"text\":\"1\"}",
        "{\"id\":\"y\",\"title\":\"Y\",\"text\":\"2\"}",
        "{\"id\":\"y\",\"title\":\"Y\",\"text\":\"3\"}",
        "{\"id\":\"z\",\"title\":\"Z\",\"text\":\"4\"}");
    assertThat(failure(corpus).getMessage())
        .isEqualTo(corpus + " line 3: duplicate id \"y\" (first used on line 2); 1 more ids are duplicated");
  }

  @Test
  void index_invalidUtf8_namesTheLine() throws IOException {
    Path corpus = tmp.resolve("latin1.jsonl");
    byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"id\":\"b\",\"title\":\"Caf\u00e9\",\"text\":\"t\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(corpus, concat(good, concat(bad, good.clone())));
    assertThat(failure(corpus).getMessage()).isEqualTo(corpus + " line 2: not valid UTF-8");
  }

  @Test
  void index_byteOrderMark_isIgnored() throws IOException {
    Path corpus = tmp.resolve("bom.jsonl");
    Files.writeString(corpus, "\uFEFF" + GOOD + "\n");
    assertThat(CorpusIndexer.builder().build().index(corpus, tmp.resolve("i"), CorpusIndexer.Progress.NONE).documents())
        .isEqualTo(1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
