package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request-shape fixes an endpoint learned for one model, applied to every body it sends: a parameter renamed
 * (OpenAI's reasoning models want {@code max_completion_tokens}, which also has to hold their hidden reasoning), capped
 * at the maximum the server named, or dropped so the server's default applies (reasoning models accept only the default {@code temperature} and {@code top_p}).
 * Immutable; one fix per parameter.
 *
 * @param fixes parameter name to its fix
 */
record ParamRules(Map<String, Fix> fixes) {

  /** The parameter OpenAI's reasoning models take instead of {@code max_tokens}. */
  static final String COMPLETION_LIMIT = "max_completion_tokens";

  /** The least room left for hidden reasoning, whatever the visible budget. */
  static final long MIN_REASONING_ROOM = 1024;

  /** No fixes: bodies go as encoded. */
  static final ParamRules NONE = new ParamRules(Map.of());

  /** Copies the map. */
  ParamRules {
    fixes = Map.copyOf(fixes);
  }

  /** One parameter's fix. */
  sealed interface Fix {
    /**
     * Returns the parameter the fix is about.
     *
     * @return e.g. {@code max_tokens}
     */
    String param();

    /**
     * Returns the fix as {@link Adaptation#fix()} spells it.
     *
     * @return e.g. {@code rename:max_completion_tokens}
     */
    String wire();

    /**
     * Reads a fix back from its spelling.
     *
     * @param param the parameter
     * @param wire the spelling
     * @return the fix, or {@code null} for spellings that are not parameter fixes (modes, top-up)
     */
    static @Nullable Fix parse(String param, String wire) {
      if (wire.startsWith("rename:")) {
        return new Rename(param, wire.substring(7));
      }
      if (wire.startsWith("cap:")) {
        return new Cap(param, Long.parseLong(wire.substring(4)));
      }
      return wire.equals("drop") ? new Drop(param) : null;
    }
  }

  /**
   * Send the value under another name.
   *
   * @param param the rejected name
   * @param to the accepted name
   */
  record Rename(String param, String to) implements Fix {
    @Override
    public String wire() {
      return "rename:" + to;
    }
  }

  /**
   * Send at most a maximum.
   *
   * @param param the parameter
   * @param max the largest value the server accepts
   */
  record Cap(String param, long max) implements Fix {
    @Override
    public String wire() {
      return "cap:" + max;
    }
  }

  /**
   * Leave the parameter out.
   *
   * @param param the parameter
   */
  record Drop(String param) implements Fix {
    @Override
    public String wire() {
      return "drop";
    }
  }

  /**
   * Returns the limit to send as {@code max_completion_tokens} for a method's visible budget. A reasoning model spends
   * part of that limit on hidden reasoning before it writes a word, so the method's {@code max_tokens}, sized for the
   * answer, would leave answers cut off; the room added grows with the effort asked for (medium, the servers' default,
   * gets four times the visible budget, at least {@value #MIN_REASONING_ROOM} tokens; {@code none} gets nothing).
   *
   * @param visible the method's budget for the visible answer
   * @param effort the {@code reasoning_effort} sent, or {@code medium} when none is
   * @return the limit including room for reasoning
   */
  static long withReasoningRoom(long visible, String effort) {
    int factor = switch (effort) {
      case "none" -> 0;
      case "minimal" -> 1;
      case "low" -> 2;
      case "high" -> 8;
      case "xhigh" -> 16;
      default -> 4;
    };
    return factor == 0 ? visible : visible + Math.max(MIN_REASONING_ROOM, visible * factor);
  }

  /**
   * Returns the rules with one more fix (replacing an earlier fix of the same parameter).
   *
   * @param fix the fix
   * @return the new rules
   */
  ParamRules with(Fix fix) {
    Map<String, Fix> next = new LinkedHashMap<>(fixes);
    next.put(fix.param(), fix);
    return new ParamRules(next);
  }

  /**
   * Tells whether this exact fix is in force.
   *
   * @param fix the fix
   * @return true when it is
   */
  boolean has(Fix fix) {
    return fix.equals(fixes.get(fix.param()));
  }

  /**
   * Tells whether a parameter is left out.
   *
   * @param param the parameter
   * @return true when it is dropped
   */
  boolean drops(String param) {
    return fixes.get(param) instanceof Drop;
  }

  /**
   * Returns the body with every fix applied: renames first, then caps, then drops.
   *
   * @param body the encoded body (not changed)
   * @return the body to send; the same object when there are no fixes
   */
  ObjectNode apply(ObjectNode body) {
    if (fixes.isEmpty()) {
      return body;
    }
    ObjectNode out = body.deepCopy();
    fixes.values().forEach(f -> {
      if (f instanceof Rename r && out.has(r.param())) {
        JsonNode value = out.remove(r.param());
        out.set(r.to(), r.to().equals(COMPLETION_LIMIT) && value.isNumber()
            ? out.numberNode(withReasoningRoom(value.asLong(), out.path("reasoning_effort").asText("medium")))
            : value);
      }
    });
    fixes.values().forEach(f -> {
      if (f instanceof Cap c) {
        JsonNode v = out.get(c.param());
        if (v != null && v.isNumber() && v.asLong() > c.max()) {
          out.put(c.param(), c.max());
        }
      }
    });
    fixes.values().forEach(f -> {
      if (f instanceof Drop d) {
        out.remove(d.param());
        if (d.param().equals("stream")) {
          out.remove("stream_options");
        }
      }
    });
    return out;
  }
}
