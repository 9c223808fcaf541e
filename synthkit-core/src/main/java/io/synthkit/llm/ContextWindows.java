package io.synthkit.llm;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The context windows providers publish for their model families, so a prompt that cannot fit is rejected before it
 * is sent (and paid for) instead of failing at the server or, on servers that truncate silently, producing a reply to
 * half a prompt. {@code context_tokens} overrides these for a model; self-hosted servers are often configured smaller
 * (vLLM's {@code --max-model-len}). Stateless.
 */
final class ContextWindows {

  /** A model-id prefix and its window; the first matching prefix wins, so longer prefixes come first. */
  private record Family(String prefix, int tokens) {}

  // Figures from the providers' model pages (OpenAI: gpt-4.1 1,047,576; gpt-4o/gpt-4-turbo 128,000; o1/o3/o4 200,000;
  // gpt-5 400,000; gpt-3.5-turbo 16,385; gpt-4 8,192. Anthropic: every Claude 3/4 model 200,000).
  private static final List<Family> FAMILIES = List.of(new Family("gpt-4.1", 1_047_576), new Family("gpt-5", 400_000),
      new Family("gpt-4o", 128_000), new Family("chatgpt-4o", 128_000), new Family("gpt-4-turbo", 128_000),
      new Family("gpt-4-32k", 32_768), new Family("gpt-4", 8_192), new Family("gpt-3.5-turbo", 16_385),
      new Family("o1-mini", 128_000), new Family("o1-preview", 128_000), new Family("o1", 200_000),
      new Family("o3", 200_000), new Family("o4", 200_000), new Family("claude", 200_000));

  /** The window assumed for a model synthkit does not know: what most current chat models offer. */
  static final int UNKNOWN = 128_000;

  private ContextWindows() {}

  /**
   * Returns the window of a model.
   *
   * @param provider the provider, or {@code null}
   * @param model the model id, or {@code null}
   * @return tokens the prompt and the reply share
   */
  static int of(@Nullable ProviderKind provider, @Nullable String model) {
    if (model != null) {
      String id = model.toLowerCase(Locale.ROOT);
      // Served ids often carry an organisation ("openai/gpt-4o"): match the last part.
      String name = id.substring(id.lastIndexOf('/') + 1);
      for (Family f : FAMILIES) {
        if (name.startsWith(f.prefix())) {
          return f.tokens();
        }
      }
    }
    return provider == ProviderKind.ANTHROPIC ? 200_000 : UNKNOWN;
  }
}
