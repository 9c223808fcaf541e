package io.synthkit.cli;

import io.synthkit.retrieval.lucene.CorpusIndexer;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synthkit index CORPUS.jsonl --out DIR}: builds the local BM25 index used for fact checking. */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = {"Build a Lucene BM25 index from a JSONL corpus of {\"id\", \"title\", \"text\"} objects (e.g. a"
        + " Wikipedia extract). Methods open it read-only with retrieval: {provider: lucene, index: DIR}."})
final class IndexCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CORPUS", description = "the corpus (JSON Lines)")
  Path corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "the index directory to create")
  Path out;

  @Option(names = "--overwrite", description = "replace an existing index in DIR")
  boolean overwrite;

  @Option(names = "--analyzer", description = "english (default) or standard", defaultValue = "english")
  String analyzer;

  @Option(names = "--passage-words", description = "words per passage (default ${DEFAULT-VALUE})",
      defaultValue = "200")
  int passageWords;

  @Option(names = "--overlap-words", description = "words shared by consecutive passages, below --passage-words"
      + " (default ${DEFAULT-VALUE})", defaultValue = "40")
  int overlapWords;

  @Override
  public Integer call() {
    CorpusIndexer indexer;
    try {
      indexer = CorpusIndexer.builder().overwrite(overwrite).analyzer(CorpusIndexer.Analysis.of(analyzer))
          .passageWords(passageWords).overlapWords(overlapWords).build();
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input("--passage-words " + passageWords + " --overlap-words " + overlapWords + ": "
          + e.getMessage());
    }
    CorpusIndexer.Summary s = indexer.index(corpus, out, (docs, passages) -> System.err.printf(Locale.ROOT,
        "[synthkit] indexed %d documents (%d passages)%n", docs, passages));
    System.out.printf(Locale.ROOT, "indexed %d documents as %d passages into %s in %.1f s (%.0f docs/s)%n",
        s.documents(), s.passages(), s.index(), s.buildTime().toMillis() / 1000.0, s.documentsPerSecond());
    return 0;
  }
}
