package io.synthkit.retrieval.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.synthkit.spi.SynthkitException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Streams a JSONL corpus of {@code {"id","title","text"}} objects one line at a time, so memory stays flat whatever
 * the file size. Blank lines are skipped; any other malformed line stops the read with a message naming the file and
 * line. Not thread-safe.
 */
final class CorpusReader implements Closeable {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private static final int MAX_ID_CHARS = 1_000;

  private final Path file;
  private final Utf8Lines in;
  private long line;

  CorpusReader(Path file) throws IOException {
    this.file = file;
    this.in = new Utf8Lines(Files.newInputStream(file));
  }

  /**
   * Returns the next document, or {@code null} at the end of the file.
   *
   * @throws SynthkitException naming the file and line for invalid UTF-8, invalid JSON or a missing field
   * @throws IOException when the file cannot be read
   */
  @Nullable CorpusDocument next() throws IOException {
    String text;
    while ((text = readLine()) != null) {
      if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
      if (!text.isBlank()) return parse(text);
    }
    return null;
  }

  private @Nullable String readLine() throws IOException {
    try {
      String text = in.next();
      line = in.number();
      return text;
    } catch (CharacterCodingException e) {
      throw error(in.number(), "not valid UTF-8");
    }
  }

  private CorpusDocument parse(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw error(line, "not valid JSON (" + e.getOriginalMessage() + at + ")");
    }
    if (!node.isObject()) throw error(line, "expected a JSON object {\"id\",\"title\",\"text\"}, found " + kind(node));
    String id = string(node, "id");
    if (id.isBlank()) throw error(line, "\"id\" is empty");
    // Lucene indexes an id as one term, and terms are capped at 32 KB; no real id comes near this.
    if (id.length() > MAX_ID_CHARS) throw error(line, "\"id\" is longer than " + MAX_ID_CHARS + " characters");
    return new CorpusDocument(id, string(node, "title"), string(node, "text"), line);
  }

  private String string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) throw error(line, "missing field \"" + field + "\"");
    if (!value.isTextual()) throw error(line, "\"" + field + "\" must be a string, found " + kind(value));
    return value.textValue();
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  SynthkitException error(long lineNumber, String problem) {
    return SynthkitException.input(file + " line " + lineNumber + ": " + problem);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
