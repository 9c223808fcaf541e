package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Writes what the simulated model says: scripted text, or JSON matching the requested schema (a tool's parameters,
 * {@code response_format}, Anthropic's {@code output_config}, or a schema in the prompt), or a JSON object for
 * {@code json_object}, or placeholder prose; applies the content faults; and keeps every choice within the request's
 * token limit ({@code max_completion_tokens}, {@code max_tokens}), cutting it with finish reason "length" when it
 * would not fit. Reasoning models spend hidden reasoning tokens first: {@code reasoning_effort} minimal, low, medium
 * (the default), high and xhigh spend 0.25, 1, 2, 4 and 8 times the answer's tokens; when they use up the limit the
 * answer is empty, as with the real models. Thread-safe.
 */
final class ReplyComposer {

  private static final Map<String, Double> EFFORT = Map.of("none", 0.0, "minimal", 0.25, "low", 1.0, "medium", 2.0,
      "high", 4.0, "xhigh", 8.0);

  private final SimulatorOptions options;
  private final Faults faults;

  ReplyComposer(SimulatorOptions options, Faults faults) {
    this.options = options;
    this.faults = faults;
  }

  Completion compose(Api api, Profile profile, SimRequest request, ToolPlan.@Nullable Call tool,
      @Nullable SimResponse scripted,
      SplittableRandom rng, long seq) {
    JsonNode body = request.body();
    int n = api == Api.OPENAI && profile.honoursN() ? request.n() : 1;
    boolean jsonObject = api == Api.OPENAI
        && "json_object".equals(body.path("response_format").path("type").asText());
    ObjectNode schema = request.schema();
    long limit = limit(api, body);
    double effort = profile.reasoning() ? EFFORT.getOrDefault(body.path("reasoning_effort").asText("medium"), 2.0)
        : 0;
    List<Completion.Choice> choices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String text;
      boolean cut = false;
      if (scripted != null && !scripted.texts().isEmpty()) {
        text = scripted.texts().get(Math.min(i, scripted.texts().size() - 1));
        cut = "length".equals(scripted.finishReason());
      } else if (schema != null) {
        text = Json.write(new SchemaFaker(schema, rng).generate());
      } else if (jsonObject) {
        text = Json.write(Json.object().put("answer", PlaceholderText.paragraph(rng, 1 + rng.nextInt(2))));
      } else {
        text = PlaceholderText.paragraph(rng, 1 + rng.nextInt(3));
      }
      if (scripted == null && (schema != null || jsonObject)) {
        Faults.Damaged d = faults.damage(text, rng);
        text = d.text();
        cut |= d.truncated();
      }
      long answer = options.tokens(text);
      long reasoning = Math.round(answer * effort);
      if (reasoning >= limit) {
        reasoning = limit;
        text = "";
        cut = true;
      } else if (answer > limit - reasoning) {
        text = truncate(text, limit - reasoning);
        cut = true;
      }
      Completion.Finish finish = cut ? Completion.Finish.LENGTH
          : tool != null ? Completion.Finish.TOOL : Completion.Finish.STOP;
      choices.add(new Completion.Choice(text, finish, tool, reasoning, options.tokens(text) + reasoning));
    }
    String model = request.model().isEmpty() ? "synthkit-simulator" : request.model();
    return new Completion(seq, model, choices, promptTokens(request), PromptCache.Hit.NONE);
  }

  /** The prompt's tokens: each message with a few tokens of framing, plus the tool definitions and schema. */
  long promptTokens(SimRequest request) {
    long tokens = 3;
    for (ChatMessage m : request.messages()) {
      tokens += options.tokens(m.content()) + 4;
    }
    JsonNode body = request.body();
    if (body.has("tools")) {
      tokens += options.tokens(Json.write(body.get("tools")));
    }
    if (body.path("response_format").has("json_schema")) {
      tokens += options.tokens(Json.write(body.path("response_format").get("json_schema")));
    }
    return tokens;
  }

  private static long limit(Api api, JsonNode body) {
    JsonNode limit = api == Api.OPENAI && body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens")
        : body.get("max_tokens");
    return limit == null || limit.isNull() ? Long.MAX_VALUE : limit.asLong();
  }

  /** The longest prefix with at most {@code allowed} tokens. */
  private String truncate(String text, long allowed) {
    if (allowed <= 0) {
      return "";
    }
    int lo = 0;
    int hi = text.length();
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (options.tokens(text.substring(0, mid)) <= allowed) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo > 0 && Character.isHighSurrogate(text.charAt(lo - 1))) {
      lo--; // never split a surrogate pair
    }
    return text.substring(0, lo);
  }
}
