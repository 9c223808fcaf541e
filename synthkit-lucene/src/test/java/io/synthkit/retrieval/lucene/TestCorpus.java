package io.synthkit.retrieval.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The hand-written test encyclopedia and helpers to write small corpora. */
final class TestCorpus {

  /** Articles in {@code mini-encyclopedia.jsonl}. */
  static final int ARTICLES = 55;

  private TestCorpus() {}

  static Path encyclopedia() {
    return resource("/corpus/mini-encyclopedia.jsonl");
  }

  static Path queries() {
    return resource("/corpus/mini-encyclopedia-queries.tsv");
  }

  private static Path resource(String name) {
    try {
      return Path.of(TestCorpus.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code lines} as a corpus file in {@code dir} and returns it. */
  static Path write(Path dir, String... lines) {
    try {
      return Files.write(dir.resolve("corpus.jsonl"), List.of(lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the encyclopedia with default settings into {@code dir}. */
  static CorpusIndexer.Summary index(Path dir) {
    return CorpusIndexer.builder().build().index(encyclopedia(), dir, CorpusIndexer.Progress.NONE);
  }
}
