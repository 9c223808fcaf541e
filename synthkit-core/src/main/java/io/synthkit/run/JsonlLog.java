package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only JSON Lines file that survives {@code kill -9}. Each line is written with one positional write of the
 * whole line, so a crash can at worst leave one incomplete last line; {@link #open} truncates such a torn tail (and a
 * final line that is not valid JSON) before appending, and reports how many bytes it dropped.
 *
 * <p>Thread-safe: appends are serialised.
 */
final class JsonlLog implements AutoCloseable {

  private final Path path;
  private final FileChannel channel;
  private final long repairedBytes;

  private JsonlLog(Path path, FileChannel channel, long repairedBytes) {
    this.path = path;
    this.channel = channel;
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
      FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      long size = ch.size();
      long keep = validPrefix(path, existing);
      if (keep < size) {
        ch.truncate(keep);
      }
      ch.position(keep);
      return new JsonlLog(path, ch, size - keep);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path, e);
    }
  }

  /** Reads line by line and returns the byte length of the prefix made of complete, parseable lines. */
  private static long validPrefix(Path path, Consumer<JsonNode> existing) throws IOException {
    byte[] all = Files.readAllBytes(path);
    long valid = 0;
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] != '\n') {
        continue;
      }
      String line = new String(all, start, i - start, StandardCharsets.UTF_8);
      if (!line.isBlank()) {
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          return valid; // a damaged line: everything from here on is dropped
        }
        existing.accept(node);
      }
      valid = i + 1L;
      start = i + 1;
    }
    return valid;
  }

  /**
   * Appends one JSON value as a line.
   *
   * @param value the value (serialized compactly; JSON escapes keep it on one line)
   */
  synchronized void append(Object value) {
    byte[] line = (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(line);
    try {
      long pos = channel.size();
      while (buf.hasRemaining()) {
        pos += channel.write(buf, pos);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path, e);
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
      channel.force(true);
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path, e);
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
