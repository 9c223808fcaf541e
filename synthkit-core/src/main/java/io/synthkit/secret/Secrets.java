package io.synthkit.secret;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one redaction function of synthkit. Every text that leaves the process (terminal output, log lines,
 * {@code manifest.json}, {@code events.jsonl}, {@code rejected.jsonl}, {@code report.html}, exception messages built
 * from server replies) passes through {@link #redact(String)}, which removes
 *
 * <ul>
 *   <li>every secret configured in this process ({@link #register(String)}: API keys, header values, the user-info of
 *       a base URL and its Basic-auth form), wherever it appears, because servers echo them: OpenAI's 401 says
 *       "Incorrect API key provided: sk-...", and some proxies echo the whole {@code Authorization} header in a 500;
 *   <li>anything shaped like a credential that was never configured: {@code Bearer}/{@code Basic} tokens, OpenAI and
 *       Anthropic style keys ({@code sk-...}) and the user-info of any URL ({@code http://user:pw@host}).
 * </ul>
 *
 * <p>The registry is process-wide because a secret must stay hidden wherever a message travels (a message made by one
 * run may be printed by the CLI after the run object is gone). Thread-safe.
 */
public final class Secrets {

  /** What a secret is replaced with. */
  public static final String MASK = "<redacted>";

  /** Shorter configured values are not matched on their own (redacting "abc" everywhere would garble text). */
  static final int MIN_LENGTH = 6;

  private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@\"'<>]+@");
  // A token holds a digit (or Base64 padding), so "a basic understanding" stays as it is.
  private static final Pattern AUTH_TOKEN =
      Pattern.compile("\\b([Bb]earer|BEARER|Basic|BASIC)(:?\\s+)(?=[A-Za-z._~+/-]*[0-9=])[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-[A-Za-z0-9_-]{12,}");

  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
  private static volatile List<String> longestFirst = List.of();

  private Secrets() {}

  /**
   * Remembers a secret so that it is redacted from everything written from now on. Values shorter than six
   * characters are ignored (they would match ordinary words); blank and {@code null} values too.
   *
   * @param secret an API key, a header value, a password
   */
  public static void register(@Nullable String secret) {
    if (secret == null) {
      return;
    }
    String s = secret.strip();
    if (s.length() >= MIN_LENGTH && KNOWN.add(s)) {
      // Longest first, so a key that contains another secret is removed whole.
      longestFirst = KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
  }

  /**
   * Remembers the user-info of a URL ({@code user:password}), its password and its Basic-auth token.
   *
   * @param url a base URL, or {@code null}
   */
  public static void registerUrl(@Nullable String url) {
    String info = userInfo(url);
    if (info == null || url == null) {
      return;
    }
    for (String form : List.of(info, URI.create(url.strip()).getRawUserInfo())) {
      register(form);
      int colon = form.indexOf(':');
      if (colon >= 0) {
        register(form.substring(colon + 1));
      }
    }
    register(basicToken(info));
  }

  /**
   * Removes every secret from a text.
   *
   * @param text any text, or {@code null}
   * @return the text with secrets replaced by {@link #MASK}; {@code null} for {@code null}
   */
  public static @Nullable String redact(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : longestFirst) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    out = URL_USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    out = AUTH_TOKEN.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
    return KEY_SHAPED.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
  }

  /**
   * Returns the user-info of a URL ({@code user:password} in {@code http://user:password@host}).
   *
   * @param url a URL, or {@code null}
   * @return the decoded user-info, or {@code null} when there is none
   */
  public static @Nullable String userInfo(@Nullable String url) {
    if (url == null || !url.contains("@")) {
      return null;
    }
    try {
      return URI.create(url.strip()).getUserInfo();
    } catch (IllegalArgumentException notAUri) {
      return null;
    }
  }

  /**
   * Returns a URL without its user-info, the form in which it may be shown and sent.
   *
   * @param url a URL, or {@code null}
   * @return the URL without {@code user:password@}
   */
  public static @Nullable String withoutUserInfo(@Nullable String url) {
    if (url == null || userInfo(url) == null) {
      return url;
    }
    URI u = URI.create(url.strip());
    String rest = u.getRawAuthority().substring(u.getRawAuthority().indexOf('@') + 1);
    return u.getScheme() + "://" + rest + (u.getRawPath() == null ? "" : u.getRawPath())
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  /**
   * Returns the value of an {@code Authorization: Basic} header for a URL's user-info.
   *
   * @param userInfo {@code user:password}
   * @return the Base64 token (without the {@code Basic } prefix)
   */
  public static String basicToken(String userInfo) {
    return Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
