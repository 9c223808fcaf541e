package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.llm.Tokens;
import io.synthkit.spi.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider prompt caching, reported the way each API reports it, so that a client's cache accounting can be tested.
 *
 * <ul>
 *   <li><b>OpenAI</b> caches automatically: a prompt whose first 1,024 or more tokens equal those of an earlier prompt
 *       to the same model reads them from the cache, in 128-token increments, reported as
 *       {@code usage.prompt_tokens_details.cached_tokens} (inside {@code prompt_tokens}). The prompt is compared token by
 *       token in the order the model sees it: tools, the response schema, then the messages.
 *   <li><b>Anthropic</b> caches only what a request marks: each {@code cache_control} breakpoint (on a tool, a system
 *       block or a message content block; at most four) names a prefix (tools, then system, then messages, up to and
 *       including that block). A prefix shorter than the model's minimum (1,024 tokens for most models, 2,048 for the
 *       Haiku 3 models, 4,096 for Haiku 4.5 and Opus 4.5) is not cached. The longest marked prefix seen before is read
 *       ({@code cache_read_input_tokens}); the tokens from there to the last cacheable breakpoint are written
 *       ({@code cache_creation_input_tokens}); {@code input_tokens} counts only the rest. A top-level
 *       {@code cache_control} marks the last block. Unlike the real API, the simulator does not look back for hits at
 *       unmarked block boundaries before a breakpoint, and entries never expire (they are only evicted when many).
 * </ul>
 *
 * <p>Prefixes are remembered by a chained 64-bit hash, per model, in a bounded LRU table. Thread-safe.
 */
final class PromptCache {

  static final int OPENAI_MIN = 1024;
  static final int OPENAI_STEP = 128;
  private static final int CAPACITY = 200_000;

  /** What one request read from and wrote to the cache, in prompt tokens. */
  record Hit(long read, long written) {
    static final Hit NONE = new Hit(0, 0);
  }

  private final SimulatorOptions options;
  private final Map<Long, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > CAPACITY;
    }
  };

  PromptCache(SimulatorOptions options) {
    this.options = options;
  }

  /** OpenAI's automatic prefix cache: how many of this prompt's tokens were cached by earlier prompts. */
  Hit openAi(SimRequest request, long promptTokens) {
    int[] units = units(openAiText(request));
    long h = seed(request.model());
    int blocks = units.length / OPENAI_STEP;
    long[] chain = new long[blocks];
    for (int b = 0; b < blocks; b++) {
      for (int i = b * OPENAI_STEP; i < (b + 1) * OPENAI_STEP; i++) {
        h = mix(h, units[i]);
      }
      chain[b] = h;
    }
    int hit = 0;
    synchronized (seen) {
      while (hit < blocks && seen.containsKey(chain[hit])) {
        hit++;
      }
      for (long c : chain) {
        seen.put(c, Boolean.TRUE);
      }
    }
    long cached = (long) hit * OPENAI_STEP;
    if (cached < OPENAI_MIN) {
      return Hit.NONE;
    }
    // The framing tokens are counted apart from the text compared here; the report never exceeds the prompt.
    long cap = promptTokens / OPENAI_STEP * OPENAI_STEP;
    return new Hit(Math.min(cached, cap), 0);
  }

  /** Anthropic's explicit cache: what the request's {@code cache_control} breakpoints read and wrote. */
  Hit anthropic(JsonNode body, long promptTokens) {
    List<Block> blocks = anthropicBlocks(body);
    long min = minimumFor(body.path("model").asText(""));
    long h = seed(body.path("model").asText(""));
    long tokens = 3; // the same framing ReplyComposer.promptTokens counts
    List<long[]> marks = new ArrayList<>(); // {hash, prefix tokens}
    for (Block b : blocks) {
      h = mix(h, fnv(b.text()));
      tokens += b.tokens();
      if (b.breakpoint() && tokens >= min) {
        marks.add(new long[] {h, Math.min(tokens, promptTokens)});
      }
    }
    if (marks.isEmpty()) {
      return Hit.NONE;
    }
    long read = 0;
    synchronized (seen) {
      for (int i = marks.size() - 1; i >= 0; i--) {
        if (seen.containsKey(marks.get(i)[0])) {
          read = marks.get(i)[1];
          break;
        }
      }
      for (long[] m : marks) {
        seen.put(m[0], Boolean.TRUE);
      }
    }
    long last = marks.get(marks.size() - 1)[1];
    return new Hit(read, Math.max(0, last - read));
  }

  /** The minimum cacheable prompt length, as Anthropic documents it per model. */
  static long minimumFor(String model) {
    if (model.contains("haiku-4-5") || model.contains("opus-4-5")) {
      return 4096;
    }
    return model.contains("haiku") ? 2048 : 1024;
  }

  private record Block(String text, long tokens, boolean breakpoint) {}

  /** Tools, then system blocks, then message blocks; each carries its tokens as ReplyComposer counts them. */
  private List<Block> anthropicBlocks(JsonNode body) {
    List<Block> blocks = new ArrayList<>();
    boolean all = body.path("cache_control").isObject();
    if (body.path("tools").isArray() && !body.get("tools").isEmpty()) {
      boolean marked = false;
      for (JsonNode t : body.get("tools")) {
        marked |= t.path("cache_control").isObject();
      }
      String text = Json.write(body.get("tools"));
      blocks.add(new Block(text, options.tokens(text), marked));
    }
    JsonNode system = body.get("system");
    if (system != null && !system.isNull()) {
      addContent(blocks, system, 4);
    }
    for (JsonNode m : body.path("messages")) {
      addContent(blocks, m.path("content"), 4);
    }
    if (all && !blocks.isEmpty()) {
      Block last = blocks.remove(blocks.size() - 1);
      blocks.add(new Block(last.text(), last.tokens(), true));
    }
    return blocks;
  }

  private void addContent(List<Block> blocks, JsonNode content, long framing) {
    if (content.isTextual()) {
      blocks.add(new Block(content.asText(), options.tokens(content.asText()) + framing, false));
      return;
    }
    long extra = framing;
    for (JsonNode part : content) {
      String text = part.has("text") ? part.get("text").asText("") : Json.write(part);
      blocks.add(new Block(text, (part.has("text") ? options.tokens(text) : 0) + extra,
          part.path("cache_control").isObject()));
      extra = 0;
    }
  }

  private static String openAiText(SimRequest request) {
    StringBuilder sb = new StringBuilder();
    JsonNode body = request.body();
    if (body.has("tools")) {
      sb.append(Json.write(body.get("tools"))).append('\n');
    }
    if (body.path("response_format").has("json_schema")) {
      sb.append(Json.write(body.path("response_format").get("json_schema"))).append('\n');
    }
    for (ChatMessage m : request.messages()) {
      sb.append('<').append(m.role().name()).append(">\n").append(m.content()).append('\n');
    }
    return sb.toString();
  }

  /** Token ids, or with approximate counting four-character pieces (one per approximate token). */
  private int[] units(String text) {
    if (!options.approximating()) {
      return Tokens.ids(text);
    }
    int[] out = new int[text.length() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = text.substring(4 * i, 4 * i + 4).hashCode();
    }
    return out;
  }

  private static long fnv(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  private static long seed(String model) {
    return mix(0x9E3779B97F4A7C15L, model.hashCode());
  }

  private static long mix(long h, long v) {
    h ^= v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 31);
  }
}
