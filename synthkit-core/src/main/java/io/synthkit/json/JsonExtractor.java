package io.synthkit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON value inside a model reply. Real models wrap JSON in prose ("Sure! Here is..."), in {@code ```json}
 * fences, add trailing commas, or stop mid-object when they run out of tokens; this class accepts the first three and
 * reports the last precisely, so the caller can re-ask or reject with a reason.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonExtractor {

  private static final Pattern FENCE = Pattern.compile("```[ \\t]*(?:json|JSON|jsonc|javascript)?[ \\t]*\\r?\\n(.*?)```",
      Pattern.DOTALL);

  private JsonExtractor() {}

  /**
   * Extracts the first JSON object or array from a reply.
   *
   * @param reply the model's text
   * @return the parsed value
   * @throws MalformedJsonException when there is no JSON, it is cut off, or it does not parse
   */
  public static JsonNode extract(String reply) {
    String text = stripBom(reply == null ? "" : reply).strip();
    if (text.isEmpty()) {
      throw new MalformedJsonException(MalformedJsonException.Reason.EMPTY, "the reply is empty");
    }
    MalformedJsonException first = null;
    for (String candidate : candidates(text)) {
      try {
        return parseSpan(candidate);
      } catch (MalformedJsonException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    throw first != null ? first
        : new MalformedJsonException(MalformedJsonException.Reason.NOT_FOUND, "the reply contains no JSON object or array");
  }

  /**
   * Extracts every top-level JSON object or array in order, skipping prose between them. Used where a prompt asks for
   * several objects separated by blank lines.
   *
   * @param reply the model's text
   * @return the parsed values; empty when none parses
   */
  public static List<JsonNode> extractAll(String reply) {
    String text = stripBom(reply == null ? "" : reply);
    List<JsonNode> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = nextOpen(text, from);
      if (start < 0) {
        return out;
      }
      int end = matchingClose(text, start);
      if (end < 0) {
        return out;
      }
      try {
        out.add(Json.LENIENT.readTree(text.substring(start, end + 1)));
      } catch (JsonProcessingException e) {
        // Not JSON after all (e.g. "[citation]" in prose); keep scanning after the opening bracket.
        from = start + 1;
        continue;
      }
      from = end + 1;
    }
  }

  private static List<String> candidates(String text) {
    List<String> out = new ArrayList<>();
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      out.add(fence.group(1).strip());
    }
    // An opening fence whose closing fence was cut off by the token limit.
    int open = text.indexOf("```");
    if (open >= 0 && out.isEmpty()) {
      int nl = text.indexOf('\n', open);
      out.add(nl < 0 ? "" : text.substring(nl + 1).strip());
    }
    out.add(text);
    return out;
  }

  private static JsonNode parseSpan(String text) {
    int start = nextOpen(text, 0);
    if (start < 0) {
      throw new MalformedJsonException(MalformedJsonException.Reason.NOT_FOUND,
          "the reply contains no JSON object or array");
    }
    int end = matchingClose(text, start);
    if (end < 0) {
      throw new MalformedJsonException(MalformedJsonException.Reason.TRUNCATED,
          "the JSON is cut off before its closing '" + (text.charAt(start) == '{' ? '}' : ']') + "'");
    }
    try {
      return Json.LENIENT.readTree(text.substring(start, end + 1));
    } catch (JsonProcessingException e) {
      throw new MalformedJsonException(MalformedJsonException.Reason.SYNTAX,
          "the JSON does not parse: " + e.getOriginalMessage());
    }
  }

  private static int nextOpen(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index of the bracket closing the one at {@code start}, honouring strings; -1 when cut off. */
  private static int matchingClose(String text, int start) {
    int depth = 0;
    boolean inString = false;
    char quote = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          inString = false;
        }
      } else if (c == '"' || c == '\'' && depth > 0 && isQuoteStart(text, i)) {
        inString = true;
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** A single quote opens a string only where a JSON value or key may start (models rarely use them, prose often). */
  private static boolean isQuoteStart(String text, int i) {
    for (int j = i - 1; j >= 0; j--) {
      char p = text.charAt(j);
      if (!Character.isWhitespace(p)) {
        return p == '{' || p == '[' || p == ',' || p == ':';
      }
    }
    return false;
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }
}
