package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.embed.HashingEmbedder;
import io.synthkit.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI's {@code POST /v1/embeddings}: checks the request like OpenAI ({@code input} as a string, strings or token
 * arrays, never empty; {@code encoding_format} float or base64; {@code dimensions} from 1 to the native
 * {@value #NATIVE} and only for models that take it), and answers with lexical vectors (texts sharing words are close,
 * which is what tests need). {@code dimensions} folds the vector into fewer buckets and re-normalises it, so reduced
 * vectors keep their lexical neighbours; {@code base64} is the little-endian float32 bytes of the same vector.
 * Thread-safe.
 */
final class Embeddings {

  static final int NATIVE = HashingEmbedder.DEFAULT_DIMENSION;
  private static final HashingEmbedder LEXICAL = new HashingEmbedder();
  private static final List<String> FORMATS = List.of("float", "base64");

  private final SimulatorOptions options;
  private final Auth auth;
  private final ModelCatalog catalog;

  Embeddings(SimulatorOptions options, Auth auth, ModelCatalog catalog) {
    this.options = options;
    this.auth = auth;
    this.catalog = catalog;
  }

  SimHttpResponse handle(SimHttpRequest req) {
    if (!"POST".equals(req.method())) {
      return ApiError.methodNotAllowed(Api.OPENAI, req.method(), req.path()).response();
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(req.body());
    } catch (IOException e) {
      body = null;
    }
    String model = body == null ? "" : body.path("model").asText("");
    ApiError refused = auth.check(Api.OPENAI, req, options.profileFor(model).requiresKey());
    if (refused != null) {
      return refused.response();
    }
    if (body == null || !body.isObject()) {
      return OpenAiParams.invalid(null, "We could not parse the JSON body of your request. The OpenAI API expects a"
          + " JSON object.").error().response();
    }
    List<String> inputs;
    try {
      inputs = check(body);
    } catch (Rejected r) {
      return r.error().response();
    }
    if (!catalog.serves(model)) {
      return ApiError.modelNotFound(Api.OPENAI, model).response();
    }
    int dims = body.path("dimensions").asInt(NATIVE);
    boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
    return SimHttpResponse.json(200, encode(inputs, model, dims, base64));
  }

  private static List<String> check(JsonNode body) {
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!List.of("input", "model", "dimensions", "encoding_format", "user").contains(f)) {
        throw OpenAiParams.invalid(null, "Unrecognized request argument supplied: " + f);
      }
    }
    if (!body.path("model").isTextual() || body.get("model").asText().isBlank()) {
      throw OpenAiParams.missing("model");
    }
    OpenAiParams.oneOf(body, "encoding_format", FORMATS);
    OpenAiParams.integer(body, "dimensions", 1, NATIVE);
    if (body.has("dimensions") && body.get("model").asText().startsWith("text-embedding-ada")) {
      throw OpenAiParams.invalid("dimensions", "This model does not support specifying dimensions.");
    }
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw OpenAiParams.missing("input");
    }
    List<String> inputs = new ArrayList<>();
    if (input.isTextual()) {
      inputs.add(input.asText());
    } else if (input.isArray() && !input.isEmpty() && input.size() <= 2048) {
      for (JsonNode item : input) {
        // A token array is embedded as its token ids' text: only the shape of the reply matters here.
        inputs.add(item.isTextual() ? item.asText() : item.isArray() || item.isIntegralNumber() ? item.toString()
            : null);
      }
    } else {
      throw OpenAiParams.invalid("input", "'$.input' is invalid: expected a non-empty string, or an array of 1 to"
          + " 2048 strings or token arrays.");
    }
    for (String s : inputs) {
      if (s == null || s.isEmpty()) {
        throw OpenAiParams.invalid("input", "'$.input' is invalid: inputs cannot be empty strings.");
      }
    }
    return inputs;
  }

  private ObjectNode encode(List<String> inputs, String model, int dims, boolean base64) {
    ObjectNode out = Json.object().put("object", "list");
    ArrayNode data = out.putArray("data");
    long tokens = 0;
    List<float[]> vectors = LEXICAL.embed(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      ObjectNode row = data.addObject().put("object", "embedding").put("index", i);
      float[] v = reduce(vectors.get(i), dims);
      if (base64) {
        row.put("embedding", base64(v));
      } else {
        ArrayNode values = row.putArray("embedding");
        for (float f : v) {
          values.add(f);
        }
      }
      tokens += options.tokens(inputs.get(i));
    }
    out.put("model", model);
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return out;
  }

  /** Folds a vector into {@code dims} buckets and re-normalises it to unit length. */
  static float[] reduce(float[] v, int dims) {
    if (dims >= v.length) {
      return v;
    }
    float[] out = new float[dims];
    for (int i = 0; i < v.length; i++) {
      out[i % dims] += v[i];
    }
    double norm = 0;
    for (float f : out) {
      norm += f * (double) f;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < dims; i++) {
        out[i] *= inv;
      }
    }
    return out;
  }

  static String base64(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      buf.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(buf.array());
  }
}
