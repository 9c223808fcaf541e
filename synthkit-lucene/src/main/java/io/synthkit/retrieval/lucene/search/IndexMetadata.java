package io.synthkit.retrieval.lucene.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The contents of {@code synthkit-index.json}, written last into a finished index: its presence marks a complete
 * build, and it tells the retriever how the index was analyzed and which corpus it came from.
 *
 * @param format the layout version; {@link #FORMAT} for indexes built by this code
 * @param corpus the absolute path of the corpus the index was built from
 * @param documents corpus documents indexed
 * @param passages passages (Lucene documents) written
 * @param analyzer the {@link Analyzers} id used for titles and text
 * @param passageWords the passage size in words
 * @param overlapWords the overlap between consecutive passages in words
 * @param builtAt when the build finished, ISO-8601 UTC
 * @param buildMillis the build wall time in milliseconds
 * @param luceneVersion the Lucene version that wrote the index
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexMetadata(
    int format,
    String corpus,
    long documents,
    long passages,
    String analyzer,
    @JsonProperty("passage_words") int passageWords,
    @JsonProperty("overlap_words") int overlapWords,
    @JsonProperty("built_at") String builtAt,
    @JsonProperty("build_millis") long buildMillis,
    @JsonProperty("lucene_version") String luceneVersion) {

  /** The file name inside the index directory. */
  public static final String FILE_NAME = "synthkit-index.json";
  /** The index layout this code writes and reads. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /**
   * Reads the metadata of an index directory.
   *
   * @param indexDir the index directory
   * @return the metadata
   * @throws IOException when the file is missing or not valid metadata
   */
  public static IndexMetadata read(Path indexDir) throws IOException {
    return JSON.readValue(indexDir.resolve(FILE_NAME).toFile(), IndexMetadata.class);
  }

  /**
   * Writes the metadata into an index directory atomically (a temp file moved into place), so a reader never sees a
   * half-written file.
   *
   * @param indexDir the index directory
   * @throws IOException when the file cannot be written
   */
  public void write(Path indexDir) throws IOException {
    Path tmp = indexDir.resolve(FILE_NAME + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, indexDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
