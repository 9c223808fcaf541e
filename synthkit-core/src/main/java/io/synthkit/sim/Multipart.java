package io.synthkit.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A minimal {@code multipart/form-data} reader (RFC 7578) for the simulator's file uploads: it splits the body on the
 * boundary and reads each part's {@code Content-Disposition} name and filename. Stateless and thread-safe.
 */
final class Multipart {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  /**
   * One form field.
   *
   * @param name the field name
   * @param filename the file name for file fields, else {@code null}
   * @param content the raw bytes
   */
  record Part(String name, @Nullable String filename, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /**
   * Splits a body into parts.
   *
   * @param contentType the request's Content-Type header
   * @param body the request body
   * @return the parts in order
   * @throws IllegalArgumentException when the body is not multipart/form-data with a boundary
   */
  static List<Part> parse(@Nullable String contentType, byte[] body) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("expected multipart/form-data, got " + contentType);
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("multipart/form-data without a boundary");
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        throw new IllegalArgumentException("multipart body has no closing boundary");
      }
      parts.add(part(Arrays.copyOfRange(body, skipLineBreak(body, start), trimLineBreak(body, next))));
      at = next;
    }
    return parts;
  }

  private static Part part(byte[] raw) {
    byte[] separator = {'\r', '\n', '\r', '\n'};
    int split = indexOf(raw, separator, 0);
    if (split < 0) {
      throw new IllegalArgumentException("a multipart part has no header block");
    }
    String headers = new String(raw, 0, split, StandardCharsets.UTF_8);
    byte[] content = Arrays.copyOfRange(raw, split + separator.length, raw.length);
    Matcher name = NAME.matcher(headers);
    Matcher file = FILENAME.matcher(headers);
    return new Part(name.find() ? name.group(1) : "", file.find() ? file.group(1) : null, content);
  }

  private static int skipLineBreak(byte[] b, int i) {
    return i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n' ? i + 2 : i;
  }

  private static int trimLineBreak(byte[] b, int end) {
    return end >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n' ? end - 2 : end;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
