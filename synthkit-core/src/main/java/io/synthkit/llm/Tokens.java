package io.synthkit.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.Prompt;

/**
 * Counts tokens with OpenAI's o200k_base encoding. Exact for current OpenAI models, an approximation (usually within
 * 10-20%) for others; used for dry-run estimates, rate-limit reservations and servers that report no usage.
 * Thread-safe.
 */
public final class Tokens {

  private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  /** Per-message overhead of the chat format (role markers), as OpenAI documents it. */
  private static final int PER_MESSAGE = 4;

  private Tokens() {}

  /**
   * Counts the tokens of a text.
   *
   * @param text any text
   * @return the token count
   */
  public static int count(String text) {
    return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
  }

  /**
   * Encodes a text as o200k_base token ids (the simulator's prompt cache compares prompts token by token, as OpenAI's
   * automatic prefix caching does).
   *
   * @param text any text
   * @return the token ids, in order
   */
  public static int[] ids(String text) {
    return text == null || text.isEmpty() ? new int[0] : ENCODING.encodeOrdinary(text).toArray();
  }

  /**
   * Counts the tokens of a prompt, including the chat format's per-message overhead.
   *
   * @param prompt the conversation
   * @return the token count
   */
  public static int count(Prompt prompt) {
    int total = 3;
    for (ChatMessage m : prompt.messages()) {
      total += PER_MESSAGE + count(m.content());
    }
    return total;
  }

  /** Texts are counted in slices of this many characters, so counting can stop early. */
  private static final int SLICE = 1 << 16;

  /**
   * Counts the tokens of a prompt, stopping as soon as the count passes a limit: a 10 MB prompt is known to be over a
   * 128k window after a few slices, not after tokenizing all of it. Slicing may split a token in two at a slice
   * boundary, which changes an estimate by a token per 65,536 characters.
   *
   * @param prompt the conversation
   * @param limit the count of interest
   * @return the count when it is at most {@code limit}, else some count above {@code limit}
   */
  public static long countAtMost(Prompt prompt, long limit) {
    long total = 3;
    for (ChatMessage m : prompt.messages()) {
      total += PER_MESSAGE;
      String text = m.content() == null ? "" : m.content();
      int from = 0;
      while (from < text.length() && total <= limit) {
        int to = Math.min(text.length(), from + SLICE);
        if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
          to--; // never split a surrogate pair
        }
        total += count(text.substring(from, to));
        from = to;
      }
      if (total > limit) {
        return total;
      }
    }
    return total;
  }
}
