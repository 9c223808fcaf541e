package io.synthkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.synthkit.spi.SynthkitException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string of a config tree with environment values;
 * {@code $${} writes a literal {@code ${}. An unset variable without a default is an error naming the key, so a missing
 * API key is caught before any work starts. Stateless.
 */
final class Interpolator {

  private static final Pattern VAR = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private Interpolator() {}

  static void apply(ObjectNode tree, Function<String, @Nullable String> env, Locator where) {
    walk(tree, "", env, where);
  }

  /** Tells whether a string refers to an environment variable (used to show secrets as their reference). */
  static boolean isReference(String s) {
    return s != null && VAR.matcher(s).find();
  }

  private static void walk(JsonNode node, String path, Function<String, @Nullable String> env, Locator where) {
    if (node instanceof ObjectNode obj) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getValue().isTextual()) {
          e.setValue(new TextNode(substitute(e.getValue().asText(), child, env, where)));
        } else {
          walk(e.getValue(), child, env, where);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        String child = path + "[" + i + "]";
        if (arr.get(i).isTextual()) {
          arr.set(i, new TextNode(substitute(arr.get(i).asText(), child, env, where)));
        } else {
          walk(arr.get(i), child, env, where);
        }
      }
    }
  }

  static String substitute(String value, String path, Function<String, @Nullable String> env, Locator where) {
    Matcher m = VAR.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$${")) {
        replacement = "${";
      } else {
        String v = env.apply(m.group(1));
        if (v == null || (v.isEmpty() && m.group(2) != null)) {
          if (m.group(2) == null) {
            throw SynthkitException.input(where.at(path) + "environment variable " + m.group(1)
                + " is not set (write ${" + m.group(1) + ":-} to allow it to be empty)");
          }
          v = m.group(3);
        }
        replacement = v;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Formats "file:line: key: " prefixes for messages. */
  interface Locator {
    String at(String path);
  }
}
