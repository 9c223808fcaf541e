package io.synthkit.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds a {@code multipart/form-data} body (file uploads). Not thread-safe. */
public final class Multipart {

  private final String boundary = "synthkit-" + UUID.randomUUID();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /**
   * Adds a text field.
   *
   * @param name the field name
   * @param value its value
   * @return this builder
   */
  public Multipart field(String name, String value) {
    part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Adds a file.
   *
   * @param name the field name
   * @param filename the file name sent
   * @param contentType the file's media type
   * @param content the bytes
   * @return this builder
   */
  public Multipart file(String name, String filename, String contentType, byte[] content) {
    part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename.replace("\"", "")
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Returns the media type with the boundary.
   *
   * @return {@code multipart/form-data; boundary=...}
   */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * Returns the finished body.
   *
   * @return the bytes, closing boundary included
   */
  public byte[] body() {
    ByteArrayOutputStream done = new ByteArrayOutputStream(out.size() + 64);
    done.writeBytes(out.toByteArray());
    done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return done.toByteArray();
  }

  private void part(String headers) {
    out.writeBytes(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
  }
}
