package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.secret.Secrets;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An append-only JSON Lines file that survives {@code kill -9}. Each line is written with one positional write of the
 * whole line, so a crash can at worst leave one incomplete last line; {@link #open} truncates such a torn tail (and a
 * final line that is not valid JSON) before appending, and reports how many bytes it dropped.
 *
 * <p>Uses classic streams, not NIO channels: a channel is closed by a thread interrupt (Ctrl-C cancels a run by
 * interrupting it), and the records of a cancelled run must still be written and the file closed cleanly.
 *
 * <p>Thread-safe: appends are serialised.
 */
final class JsonlLog implements AutoCloseable {

  private final Path path;
  private final FileOutputStream out;
  private final long repairedBytes;

  private JsonlLog(Path path, FileOutputStream out, long repairedBytes) {
    this.path = path;
    this.out = out;
    this.repairedBytes = repairedBytes;
  }

  /**
   * Opens (creating if needed) a log, repairs a torn tail, and passes every existing line to {@code existing}.
   *
   * @param path the file
   * @param existing receives each complete, valid line already in the file
   * @return the open log
   */
  static JsonlLog open(Path path, Consumer<JsonNode> existing) {
    try {
      long size;
      long keep;
      try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
        size = raf.length();
        keep = validPrefix(path, existing);
        if (keep < size) {
          raf.setLength(keep);
        }
      }
      return new JsonlLog(path, new FileOutputStream(path.toFile(), true), size - keep);
    } catch (IOException e) {
      throw StorageFailure.of("open", path, e);
    }
  }

  /** Streams the file and returns the byte length of the prefix made of complete, parseable lines. */
  private static long validPrefix(Path path, Consumer<JsonNode> existing) throws IOException {
    long valid = 0;
    long offset = 0;
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
    try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      int b;
      while ((b = in.read()) != -1) {
        offset++;
        if (b != '\n') {
          line.write(b);
          continue;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!text.isBlank()) {
          JsonNode node;
          try {
            node = Json.MAPPER.readTree(text);
          } catch (IOException e) {
            return valid; // a damaged line: everything from here on is dropped
          }
          existing.accept(node);
        }
        valid = offset;
      }
    }
    return valid;
  }

  /**
   * Appends one JSON value as a line.
   *
   * @param value the value (serialized compactly; JSON escapes keep it on one line)
   */
  void append(Object value) {
    write(Json.write(value));
  }

  /**
   * Appends one JSON value as a line with every secret redacted: for rejections and events, which quote server errors
   * (the records themselves are the model's words and are kept byte for byte).
   *
   * @param value the value
   */
  void appendRedacted(Object value) {
    write(Objects.requireNonNull(Secrets.redact(Json.write(value)), "a redacted text is a text"));
  }

  private synchronized void write(String json) {
    byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      out.write(line); // one write of the whole line: a kill leaves at most this line torn
    } catch (IOException e) {
      throw StorageFailure.of("append to", path, e);
    }
  }

  long repairedBytes() {
    return repairedBytes;
  }

  Path path() {
    return path;
  }

  @Override
  public synchronized void close() {
    try {
      out.getFD().sync();
      out.close();
    } catch (IOException e) {
      throw StorageFailure.of("close", path, e);
    }
  }

  /** Reads every valid line of a JSONL file (for tests, exports and reports). */
  static List<JsonNode> readAll(Path path) {
    List<JsonNode> out = new ArrayList<>();
    try {
      if (Files.exists(path)) {
        validPrefix(path, out::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
