package io.synthkit.sandbox.graalpy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The wire format between {@link WorkerPool} and {@link WorkerMain}: over the worker's stdin and stdout, each message
 * is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON ({@link WorkerRequest} one way,
 * {@link WorkerResponse} the other). Length prefixes keep program output (any bytes, newlines included) from breaking
 * the framing. Stateless and thread-safe; callers serialise writes to one stream.
 */
final class WorkerProtocol {
  /** Larger frames mean a corrupt stream: program output is capped far below this. */
  static final int MAX_FRAME_BYTES = 256 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkerProtocol() {}

  /**
   * Writes one message and flushes.
   *
   * @param out the stream
   * @param message a request or response
   * @throws IOException if the other side is gone
   */
  static void write(OutputStream out, Object message) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(message);
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(bytes.length);
    data.write(bytes);
    data.flush();
  }

  /**
   * Reads one message.
   *
   * @param in the stream
   * @param type the message type
   * @param <T> the message type
   * @return the message, or {@code null} at a clean end of stream
   * @throws IOException if the stream breaks or a frame is malformed
   */
  static <T> @Nullable T read(InputStream in, Class<T> type) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length;
    try {
      length = data.readInt();
    } catch (EOFException e) {
      return null;
    }
    if (length < 0 || length > MAX_FRAME_BYTES) {
      throw new IOException("bad frame length: " + length);
    }
    byte[] bytes = new byte[length];
    data.readFully(bytes);
    return JSON.readValue(bytes, type);
  }
}
