package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Server-sent event framing and the splitting of a reply into stream deltas. Stateless. */
final class Sse {

  /** About a few tokens per delta: small enough that clients must join many deltas, large enough to stay cheap. */
  private static final int PIECE = 16;

  private Sse() {}

  /** An unnamed event, as OpenAI sends them. */
  static String data(JsonNode json) {
    return "data: " + Json.write(json) + "\n\n";
  }

  /** OpenAI's end-of-stream sentinel. */
  static String done() {
    return "data: [DONE]\n\n";
  }

  /** A named event, as Anthropic sends them (its SDKs ignore events without a name). */
  static String event(String name, JsonNode json) {
    return "event: " + name + "\ndata: " + Json.write(json) + "\n\n";
  }

  /** Splits text into deltas of about {@value #PIECE} characters, preferring to end a delta after a space. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int end = Math.min(text.length(), at + PIECE);
      int space = text.lastIndexOf(' ', end - 1);
      if (end < text.length() && space > at) {
        end = space + 1;
      }
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      out.add(text.substring(at, end));
      at = end;
    }
    return out;
  }
}
