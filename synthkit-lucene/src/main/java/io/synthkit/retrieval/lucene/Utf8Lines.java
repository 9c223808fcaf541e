package io.synthkit.retrieval.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads a file line by line ({@code \n} or {@code \r\n}), decoding each line as strict UTF-8 on its own.
 *
 * <p>Why not a {@link java.io.BufferedReader}: it decodes ahead in 8 KB blocks, so an invalid byte surfaces while an
 * earlier line is being read, and the line number in the error would be wrong. Not thread-safe.
 */
final class Utf8Lines implements Closeable {

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkEnd;
  private byte[] line = new byte[1 << 12];
  private long number;

  Utf8Lines(InputStream in) {
    this.in = in;
  }

  /**
   * Returns the next line without its terminator, or {@code null} at the end of the input.
   *
   * @throws CharacterCodingException when the line is not valid UTF-8; {@link #number()} is that line
   */
  @Nullable String next() throws IOException {
    int length = 0;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkEnd && !fill()) break;
      any = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? chunkEnd : newline;
      length = append(length, end - chunkPos);
      chunkPos = newline < 0 ? chunkEnd : newline + 1;
      if (newline >= 0) break;
    }
    if (!any) return null;
    number++;
    if (length > 0 && line[length - 1] == '\r') length--;
    return decoder.reset().decode(ByteBuffer.wrap(line, 0, length)).toString();
  }

  /** Returns the number of the line last returned (or failed), 1-based. */
  long number() {
    return number;
  }

  private boolean fill() throws IOException {
    int n = in.read(chunk);
    if (n <= 0) return false;
    chunkPos = 0;
    chunkEnd = n;
    return true;
  }

  private int indexOfNewline() {
    for (int i = chunkPos; i < chunkEnd; i++) {
      if (chunk[i] == '\n') return i;
    }
    return -1;
  }

  private int append(int length, int count) {
    if (length + count > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    System.arraycopy(chunk, chunkPos, line, length, count);
    return length + count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
