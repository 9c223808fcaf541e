package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request-shape fixes an endpoint learned for one model, applied to every body it sends: a parameter renamed
 * (OpenAI's reasoning models want {@code max_completion_tokens}), capped at the maximum the server named, or dropped
 * so the server's default applies (reasoning models accept only the default {@code temperature} and {@code top_p}).
 * Immutable; one fix per parameter.
 *
 * @param fixes parameter name to its fix
 */
record ParamRules(Map<String, Fix> fixes) {

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
    static Fix parse(String param, String wire) {
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
        out.set(r.to(), out.remove(r.param()));
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
